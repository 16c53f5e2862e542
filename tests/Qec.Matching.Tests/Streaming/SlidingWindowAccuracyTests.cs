using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.Matching.Streaming;
using Xunit.Abstractions;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// Streaming mwpm against whole-shot mwpm on the same shots: identical when one window covers the
/// shot; disagreements shrink to zero as the window grows (the W sweep).
/// </summary>
public sealed class SlidingWindowAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("rep_mem_d05_r10000_p0.01", 30UL, "mwpm")]
    [InlineData("sc_rmz_d05_r1000_p0.001", 6UL, "mwpm")]
    [InlineData("rep_mem_d05_r10000_p0.01", 30UL, "uf")]
    public void OneWindowCoveringTheShotEqualsWholeShotDecoding(string name, ulong count, string decoder)
    {
        var model = StreamingHarness.Model(name, count);
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, StreamingHarness.Options(10_000, 1));
        var stream = compiled.CreateStreamingDecoder();
        var whole = new DecoderRegistry(MatchingDecoders.Register(new DecoderRegistry()).Factories)
            .Get(decoder).Compile(model, DecoderOptions.Empty).CreateDecoder();
        var sampler = new DemSampler(model);
        const int shots = 300;
        var (dets, _) = sampler.Sample(shots, 7);
        int bytes = sampler.DetectorBytesPerShot;
        Span<byte> expected = stackalloc byte[1];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            whole.Decode(shot, expected);
            Assert.Equal(expected[0], StreamingHarness.DecodeShot(stream, compiled.Layout, shot));
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
        }
    }

    /// <summary>
    /// W sweep at C = 2 on 40-round circuit-level d=5 surface code shots at p = 0.5% (4× the
    /// reference noise so that windows matter): the number of shots where streaming and whole-shot
    /// predictions differ must fall (non-increasing up to a slack of 2 shots) and reach 0 once W ≥ R.
    /// </summary>
    [Fact]
    public void DisagreementWithWholeShotShrinksAsTheWindowGrows()
    {
        var model = Scaled(StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", 19), 5.0);
        var whole = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var sampler = new DemSampler(model);
        const int shots = 400;
        var (dets, obs) = sampler.Sample(shots, 11);
        int bytes = sampler.DetectorBytesPerShot;
        var wholePred = new byte[shots];
        int wholeErrors = 0;
        for (int s = 0; s < shots; s++)
        {
            whole.Decode(dets.AsSpan(s * bytes, bytes), wholePred.AsSpan(s, 1));
            wholeErrors += (wholePred[s] ^ obs[s]) & 1;
        }
        int[] windows = [3, 5, 8, 12, 16, 100];
        var disagreements = new int[windows.Length];
        for (int i = 0; i < windows.Length; i++)
        {
            var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, StreamingHarness.Options(windows[i], 2));
            var stream = compiled.CreateStreamingDecoder();
            int errors = 0, forced = 0;
            for (int s = 0; s < shots; s++)
            {
                var shot = dets.AsSpan(s * bytes, bytes);
                byte p = StreamingHarness.DecodeShot(stream, compiled.Layout, shot);
                disagreements[i] += (p ^ wholePred[s]) & 1;
                errors += (p ^ obs[s]) & 1;
                forced += stream.ForcedCommits;
                // Carried and forced groups included, every event is committed exactly once.
                Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
            }
            output.WriteLine($"W={windows[i]} C=2: {disagreements[i]} disagreements with whole-shot, {errors} logical errors (whole-shot {wholeErrors}) of {shots}; rounds {compiled.Layout.NumRounds}; forced commits {forced}");
        }
        for (int i = 1; i < windows.Length; i++)
        {
            Assert.True(disagreements[i] <= disagreements[i - 1] + 2, $"W={windows[i]}: {disagreements[i]} > W={windows[i - 1]}: {disagreements[i - 1]} + 2");
        }
        Assert.True(disagreements[0] > disagreements[^2], "the smallest window should disagree more than W = 16");
        Assert.Equal(0, disagreements[^1]);

        // The defaults (W = 3d = 15, C = 2d = 10) are within whole-shot's 95% error bar (+1).
        var defaults = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Empty);
        var d = defaults.CreateStreamingDecoder();
        int defaultErrors = 0;
        for (int s = 0; s < shots; s++)
        {
            defaultErrors += (StreamingHarness.DecodeShot(d, defaults.Layout, dets.AsSpan(s * bytes, bytes)) ^ obs[s]) & 1;
        }
        double q = (double)wholeErrors / shots;
        double bar = 1.96 * Math.Sqrt(shots * q * (1 - q)) + 1;
        output.WriteLine($"defaults W={defaults.Window} C={defaults.Commit}: {defaultErrors} logical errors (whole-shot {wholeErrors} ± {bar:F1})");
        Assert.Equal(15, defaults.Window);
        Assert.True(Math.Abs(defaultErrors - wholeErrors) <= bar);
    }

    /// <summary>The same model with every probability multiplied by <paramref name="factor"/>.</summary>
    internal static Qec.Core.Dem.DetectorErrorModel Scaled(Qec.Core.Dem.DetectorErrorModel model, double factor) =>
        new([.. model.Instructions.Select(i => Scale(i, factor))]);

    private static Qec.Core.Dem.DemInstruction Scale(Qec.Core.Dem.DemInstruction i, double factor) => i switch
    {
        Qec.Core.Dem.DemError e => e with { Probability = Math.Min(0.45, e.Probability * factor) },
        Qec.Core.Dem.DemRepeat r => r with { Body = [.. r.Body.Select(b => Scale(b, factor))] },
        _ => i,
    };
}
