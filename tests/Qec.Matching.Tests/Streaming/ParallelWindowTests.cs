using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.Matching.Streaming;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// Parallel windows (layer A then layer B, <see cref="ParallelWindowDecoder"/>) against the sequential sliding window
/// and whole-shot mwpm on the same sampled shots.
/// </summary>
public sealed class ParallelWindowTests(ITestOutputHelper output)
{
    private static DecoderOptions Options(int window, int commit, int threads, bool correlations = false) =>
        DecoderOptions.Parse([$"window={window}", $"commit={commit}", $"threads={threads}", $"correlations={(correlations ? "true" : "false")}"]);

    private static (byte[] Detectors, byte[] Observables, int Bytes) Sample(Qec.Core.Dem.DetectorErrorModel model, int shots, ulong seed)
    {
        var sampler = new DemSampler(model);
        var (dets, obs) = sampler.Sample(shots, seed);
        return (dets, obs, sampler.DetectorBytesPerShot);
    }

    [Theory]
    [InlineData("mwpm")]
    [InlineData("uf")]
    public void OneThreadIsTheSequentialSlidingWindow(string decoder)
    {
        var model = StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", 15);
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, Options(8, 4, 1));
        var viaInterface = ((IStreamingCompiledDecoder)compiled).CreateStreamingDecoder();
        Assert.IsType<SlidingWindowDecoder>(viaInterface);
        var reference = SlidingWindowCompiledDecoder.Compile(decoder, model, Options(8, 4, 1)).CreateStreamingDecoder();
        var (dets, _, bytes) = Sample(model, 200, 3);
        for (int s = 0; s < 200; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            Assert.Equal(StreamingHarness.DecodeShot(reference, compiled.Layout, shot), StreamingHarness.DecodeShot(viaInterface, compiled.Layout, shot));
        }
    }

    [Fact]
    public void ThreadsOptionIsValidated()
    {
        var model = StreamingHarness.Model("rep_mem_d05_r10000_p0.01", 5);
        var e = Assert.Throws<ArgumentException>(() => SlidingWindowCompiledDecoder.Compile("mwpm", model, Options(8, 4, 0)));
        Assert.Contains("threads=0", e.Message);
    }

    /// <summary>
    /// Shots (repetition code at p = 0.1%) whose events all lie strictly inside commit regions [iP + 1, iP + C − 1):
    /// every A window sees only its own errors, so the parallel answer equals whole-shot mwpm exactly.
    /// </summary>
    [Theory]
    [InlineData("mwpm")]
    [InlineData("uf")]
    public void ErrorsInsideCommitRegionsGiveTheWholeShotAnswer(string decoder)
    {
        var model = SlidingWindowAccuracyTests.Scaled(StreamingHarness.Model("rep_mem_d05_r10000_p0.01", 40), 0.1);
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, Options(12, 6, 2));
        var layout = compiled.Layout;
        int period = compiled.Window;
        using var parallel = compiled.CreateParallelDecoder(2);
        var whole = new DecoderRegistry(MatchingDecoders.Register(new DecoderRegistry()).Factories)
            .Get(decoder).Compile(model, DecoderOptions.Empty).CreateDecoder();
        const int shots = 3000;
        var (dets, _, bytes) = Sample(model, shots, 5);
        Span<byte> expected = stackalloc byte[1];
        int checkedShots = 0;
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            if (StreamingHarness.PopCount(shot) == 0 || !EventsInsideCommitRegions(layout, shot, period, compiled.Commit))
            {
                continue;
            }
            checkedShots++;
            whole.Decode(shot, expected);
            Assert.Equal(expected[0], StreamingHarness.DecodeShot(parallel, layout, shot));
            Assert.Equal(StreamingHarness.PopCount(shot), parallel.CommittedEvents);
        }
        output.WriteLine($"{checkedShots} of {shots} shots have all events inside commit regions");
        Assert.True(checkedShots >= 50, $"only {checkedShots} shots qualified");
    }

    private static bool EventsInsideCommitRegions(RoundLayout layout, ReadOnlySpan<byte> shot, int period, int commit)
    {
        for (int r = 0; r < layout.NumRounds; r++)
        {
            int phase = r % period;
            if (phase >= 1 && phase < commit - 1)
            {
                continue;
            }
            long first = layout.RoundFirstDetector(r);
            for (int i = 0; i < layout.RoundSize(r); i++)
            {
                long d = first + i;
                if ((shot[(int)(d >> 3)] >> (int)(d & 7) & 1) != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// d = 5 surface code, 5× the p = 0.1% noise, 2,000 shots of 39 rounds, W = 3d, C = 2d: the parallel windows'
    /// logical errors are within whole-shot's 95% binomial error bar (+1), every event is committed exactly once, and
    /// the predictions do not depend on the number of worker threads (1, 2 or 3) nor on the run (twice with 2).
    /// Also with correlated matching (1,000 shots), whose windows' answers must not depend on which windows a
    /// thread's decoder saw before.
    /// </summary>
    [Theory]
    [InlineData(false, 2000)]
    [InlineData(true, 1000)]
    public void LogicalErrorsMatchWholeShotAndDoNotDependOnThreads(bool correlations, int shots)
    {
        var model = SlidingWindowAccuracyTests.Scaled(StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", 19), 5.0);
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, Options(15, 10, 2, correlations));
        var layout = compiled.Layout;
        IDecoder whole = correlations
            ? Qec.Matching.Correlated.CorrelatedMwpmCompiledDecoder.FromDem(model).CreateDecoder()
            : MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var (dets, obs, bytes) = Sample(model, shots, 17);
        int wholeErrors = 0;
        Span<byte> p = stackalloc byte[1];
        for (int s = 0; s < shots; s++)
        {
            whole.Decode(dets.AsSpan(s * bytes, bytes), p);
            wholeErrors += (p[0] ^ obs[s]) & 1;
        }
        byte[] Run(int threads)
        {
            using var parallel = compiled.CreateParallelDecoder(threads);
            var predictions = new byte[shots];
            for (int s = 0; s < shots; s++)
            {
                var shot = dets.AsSpan(s * bytes, bytes);
                predictions[s] = StreamingHarness.DecodeShot(parallel, layout, shot);
                Assert.Equal(StreamingHarness.PopCount(shot), parallel.CommittedEvents);
                Assert.Equal(layout.NumRounds, parallel.CommittedRounds);
            }
            return predictions;
        }
        var two = Run(2);
        Assert.Equal(two, Run(2));
        Assert.Equal(two, Run(1));
        Assert.Equal(two, Run(3));
        int errors = 0;
        for (int s = 0; s < shots; s++)
        {
            errors += (two[s] ^ obs[s]) & 1;
        }
        double q = (double)wholeErrors / shots;
        double bar = 1.96 * Math.Sqrt(shots * q * (1 - q)) + 1;
        output.WriteLine($"parallel {errors} logical errors, whole-shot {wholeErrors} ± {bar:F1} of {shots} ({layout.NumRounds} rounds)");
        Assert.True(Math.Abs(errors - wholeErrors) <= bar, $"parallel {errors} vs whole-shot {wholeErrors} ± {bar:F1}");
    }

    [Theory]
    [InlineData("mwpm")]
    [InlineData("uf")]
    public void SteadyStatePushingAllocatesNothing(string decoder)
    {
        var model = StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", 40);
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, Options(10, 5, 2));
        int graphs = compiled.CompiledWindows;
        var layout = compiled.Layout;
        using var stream = compiled.CreateParallelDecoder(2);
        const int shots = 30;
        var (dets, _, bytes) = Sample(model, shots, 21);
        var obs = new byte[1];
        int Pass()
        {
            int flips = 0;
            for (int s = 0; s < shots; s++)
            {
                flips += StreamingHarness.DecodeShot(stream, layout, dets.AsSpan(s * bytes, bytes));
            }
            return flips;
        }
        int first = Pass();
        int last = 0;
        Assert.Equal(0, SteadyState.AllocatedBytes(() => last = Pass()));
        Assert.Equal(first, last);
        Assert.Equal(graphs, compiled.CompiledWindows); // every A and B window graph was compiled up front
    }
}
