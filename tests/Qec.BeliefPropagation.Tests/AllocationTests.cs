using Qec.BeliefPropagation.Options;
using Qec.BeliefPropagation.Decoders;
using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.BeliefPropagation.Tests;

/// <summary>No allocation per shot once a decoder is warm: single shots and CPU batches, every decoder of the family.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(BpDecoderKind.Bp, "")]
    [InlineData(BpDecoderKind.Bp, "bp_method=product_sum,schedule=serial")]
    [InlineData(BpDecoderKind.BpOsd, "")]
    [InlineData(BpDecoderKind.RelayBp, "num_sets=20")]
    public void Decoding_allocates_nothing_after_warm_up(BpDecoderKind kind, string options)
    {
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", 0.05);
        var decoder = new BpDecoderFactory(kind).Compile(model, DecoderOptions.Parse(options.Split(',', StringSplitOptions.RemoveEmptyEntries))).CreateDecoder();
        const int shots = 200;
        var (dets, _) = new DemSampler(model).Sample(shots, 29);
        int db = decoder.DetectorBytes, ob = decoder.ObservableBytes;
        var flips = new byte[shots * ob];
        // The first pass of each is the warm-up: scratch reaches its size, the JIT settles.
        Assert.Equal(0, SteadyState.AllocatedBytes(DecodeAll));
        Assert.Equal(0, SteadyState.AllocatedBytes(() => decoder.DecodeBatch(dets, flips, shots)));

        void DecodeAll()
        {
            for (int s = 0; s < shots; s++)
            {
                decoder.DecodeDetailed(dets.AsSpan(s * db, db), flips.AsSpan(s * ob, ob));
            }
        }
    }
}
