using Qec.Core.Dem;
using Qec.Matching.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>
/// After warm-up, decoding allocates nothing (a correctness property of the hot path, measured with
/// SteadyState.AllocatedBytes over repeated passes of the same shots; tolerance 0 bytes).
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void SteadyStateDecodingOfReferenceShotsAllocatesNothing()
    {
        var c = ReferenceCase.Load(TestPaths.Data("matching"), "sc_rmz_d03_r03_p0.003", flatLayout: true);
        var decoder = MwpmCompiledDecoder.FromDem(c.Dem).CreateDecoder();
        var obs = new byte[1];
        long Pass()
        {
            long total = 0;
            for (int s = 0; s < c.Shots; s++)
            {
                var shot = c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes);
                total += decoder.DecodeToIntegerWeight(shot, obs);
                total += (long)decoder.DecodeDetailed(shot, obs).Weight;
                decoder.Decode(shot, obs);
            }
            return total;
        }
        Assert.Equal(0, SteadyState.AllocatedBytes(() => Pass()));
    }

    [Fact]
    public void SteadyStateDecodingWithManyObservablesAndNegativeWeightsAllocatesNothing()
    {
        var rng = new Random(77);
        var g = RandomGraph.Make(rng, 40, 150, 0.3, -5, 40, 60);
        var decoder = BruteForceTests.Build(g);
        var shots = new int[200][];
        for (int i = 0; i < shots.Length; i++)
        {
            shots[i] = RandomGraph.Events(rng, 40, 30);
        }
        var mask = new ulong[g.Words];
        long Pass()
        {
            long total = 0;
            foreach (var events in shots)
            {
                try
                {
                    total += decoder.DecodeEvents(events, mask);
                }
                catch (InvalidOperationException)
                {
                    // Odd component without boundary: allowed, but not on the timed pass below.
                }
            }
            return total;
        }
        // Keep only decodable shots so the measured pass has no exception objects.
        shots = shots.Where(e =>
        {
            try
            {
                decoder.DecodeEvents(e, mask);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }).ToArray();
        Assert.NotEmpty(shots);
        // Pooled regions and tree nodes borrow larger arrays from per-decoder free lists, so one pass
        // over the shots is enough warm-up however the pooled objects are reassigned.
        Assert.Equal(0, SteadyState.AllocatedBytes(() => Pass()));
    }

    [Fact]
    public void RepeatBlockModelDecodesFromCommittedDem()
    {
        // rep_mem_d05_r10000_p0.01 keeps a repeat block; Flatten() expands it (40004 detectors).
        var dem = DetectorErrorModel.Load(TestPaths.Data("dem/rep_mem_d05_r10000_p0.01.dem"));
        var decoder = MwpmCompiledDecoder.FromDem(dem).CreateDecoder();
        Assert.Equal(40004, decoder.NumDetectors);
        var shot = new byte[decoder.DetectorBytes()];
        var obs = new byte[1];
        Assert.Equal(0, decoder.DecodeToIntegerWeight(shot, obs));
        shot[100] = 0b11; // two neighbouring detectors in one round
        Assert.True(decoder.DecodeToIntegerWeight(shot, obs) > 0);
    }
}

internal static class DecoderExtensions
{
    public static int DetectorBytes(this MwpmDecoder d) => (d.NumDetectors + 7) >> 3;
}
