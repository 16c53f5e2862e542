using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// The CPU batch path (four shots per vector, lanes refilled as shots finish) against the single-shot
/// path: the same observables, iteration counts and convergence flags on every shot.
/// </summary>
public class LaneBatchTests
{
    [Theory]
    [InlineData("bp", "", 0.03)]
    [InlineData("bp", "ms_scaling_factor=0", 0.05)]
    [InlineData("bp", "max_iter=7", 0.05)]
    [InlineData("bposd", "", 0.05)]
    [InlineData("bposd", "osd_method=osd0", 0.04)]
    [InlineData("relaybp", "num_sets=40,set_max_iter=15,pre_iter=20", 0.06)]
    [InlineData("relaybp", "num_sets=10,stop_nconv=1", 0.04)]
    public void Batch_equals_shot_by_shot_on_bb72(string decoder, string options, double p)
    {
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", p);
        var kind = decoder switch { "bp" => BpDecoderKind.Bp, "bposd" => BpDecoderKind.BpOsd, _ => BpDecoderKind.RelayBp };
        var compiled = (BpCompiledDecoder)new BpDecoderFactory(kind).Compile(model, DecoderOptions.Parse(options.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        const int shots = 301;  // not a multiple of four: the last lanes run out of shots
        var (dets, _) = new DemSampler(model).Sample(shots, 17);
        BatchEquality.AssertEqualsSingleShots(compiled, dets, shots, compiled.CreateDecoder().DecodeBatch, $"{decoder} {options}");
    }
}
