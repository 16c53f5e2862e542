using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Matching.Correlated;
using Qec.Matching.Streaming;
using Qec.Matching.Tests.Streaming;
using Xunit.Abstractions;

namespace Qec.Matching.Tests.Correlated;

/// <summary>
/// The sliding window with <c>correlations=true</c>: one window covering the shot equals whole-shot
/// correlated decoding shot by shot; a short window (W = 2d, C = d) stays within error bars of it.
/// </summary>
public sealed class CorrelatedWindowTests(ITestOutputHelper output)
{

    private static DecoderOptions Options(int window, int commit) =>
        DecoderOptions.Parse([$"window={window}", $"commit={commit}", "correlations=true"]);

    [Theory]
    [InlineData("sc_rmz_d05_r1000_p0.001", 10_000, 1, 6UL, 200)]
    [InlineData("rep_mem_d05_r10000_p0.01", 10_000, 1, 30UL, 300)]
    [InlineData("rep_mem_d05_r10000_p0.01", 10, 5, 100UL, 300)]
    public void WindowedCorrelatedMatchingTracksWholeShotCorrelatedMatching(string name, int window, int commit, ulong rounds, int shots)
    {
        var model = StreamingHarness.Model(name, rounds);
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, Options(window, commit));
        var stream = compiled.CreateStreamingDecoder();
        var whole = CorrelatedMwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var sampler = new DemSampler(model);
        var (dets, obs) = sampler.Sample(shots, 11);
        int bytes = sampler.DetectorBytesPerShot;
        int obsBytes = (int)((model.NumObservables + 7) / 8);
        Span<byte> expected = stackalloc byte[1];
        int differ = 0, wholeErrors = 0, streamErrors = 0;
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            whole.Decode(shot, expected);
            byte got = StreamingHarness.DecodeShot(stream, compiled.Layout, shot);
            differ += got != expected[0] ? 1 : 0;
            wholeErrors += expected[0] != obs[s * obsBytes] ? 1 : 0;
            streamErrors += got != obs[s * obsBytes] ? 1 : 0;
        }
        output.WriteLine($"{name} x{rounds} W={window} C={commit}: {differ} of {shots} shots differ; errors whole {wholeErrors}, window {streamErrors}");
        if (window >= 10_000)
        {
            Assert.Equal(0, differ);
        }
        else
        {
            Assert.True(streamErrors <= wholeErrors + 2 * Math.Sqrt(wholeErrors) + 2, $"window {streamErrors} vs whole {wholeErrors}");
        }
    }
}
