using Qec.Core.Decoding.Streaming;
using Qec.Core.Sampling;
using Qec.Matching.Streaming;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// After a warm-up pass over the same shots, pushing rounds and finishing allocates nothing
/// (SteadyState.AllocatedBytes over repeated passes; tolerance 0 bytes).
/// </summary>
public sealed class StreamingAllocationTests
{
    [Theory]
    [InlineData("mwpm")]
    [InlineData("uf")]
    public void SteadyStateStreamingAllocatesNothing(string decoder)
    {
        var model = StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", 40);
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, StreamingHarness.Options(10, 5));
        var layout = compiled.Layout;
        var stream = compiled.CreateStreamingDecoder();
        var sampler = new DemSampler(model);
        const int shots = 30;
        var (dets, _) = sampler.Sample(shots, 21);
        int bytes = sampler.DetectorBytesPerShot;
        // Rounds cut out beforehand, so the pass itself does nothing but push and finish.
        var offsets = new int[layout.NumRounds + 1];
        for (int r = 0; r < layout.NumRounds; r++)
        {
            offsets[r + 1] = offsets[r] + ((layout.RoundSize(r) + 7) >> 3);
        }
        var rounds = new byte[shots * offsets[^1]];
        for (int s = 0; s < shots; s++)
        {
            for (int r = 0; r < layout.NumRounds; r++)
            {
                RoundBits.Slice(dets.AsSpan(s * bytes, bytes), layout.RoundFirstDetector(r), layout.RoundSize(r),
                    rounds.AsSpan(s * offsets[^1] + offsets[r], offsets[r + 1] - offsets[r]));
            }
        }
        var obs = new byte[1];
        int Pass()
        {
            int flips = 0;
            for (int s = 0; s < shots; s++)
            {
                stream.Reset();
                for (int r = 0; r < layout.NumRounds; r++)
                {
                    stream.PushRound(r, rounds.AsSpan(s * offsets[^1] + offsets[r], offsets[r + 1] - offsets[r]), obs);
                }
                stream.Finish(obs);
                flips += obs[0];
            }
            return flips;
        }
        int first = Pass();
        int last = 0;
        Assert.Equal(0, SteadyState.AllocatedBytes(() => last = Pass()));
        Assert.Equal(first, last);
    }
}
