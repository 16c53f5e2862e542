using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Options;
using Qec.Core.Codes;
using Qec.Core.Decoding;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// The BB codes as `qecd gen bb` writes them (logicals computed by GF(2) elimination, not the reference
/// basis) decode the reference shots exactly as the reference code does: the same logical errors,
/// the true observables taken from the shots' errors under our basis. And bposd reproduces every
/// syndrome of sampled shots of generated codes under phenomenological noise.
/// </summary>
public class GeneratedCodeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("bb72", 6, 5)]
    [InlineData("bb144", 12, 9)]
    public void Generated_bb_codes_decode_the_reference_shots_as_the_reference_code(string name, int l, int detectorBytes)
    {
        var code = BivariateBicycleCode.Create(l, 6, "x3+y+y2", "y3+x+x2");
        var generated = CodeGenerators.BivariateBicycle(code, 1, NoiseModel.CodeCapacity, 0.03);
        var reference = ReferenceCodes.Load(TestPaths.Data("bp"), name, 0.03);
        var dets = File.ReadAllBytes(TestPaths.Data($"bp/{name}_p0.03_2000.dets.b8"));
        var errs = File.ReadAllBytes(TestPaths.Data($"bp/{name}_p0.03_2000.errs.b8"));
        var (_, referenceObs, shots) = ReferenceCodes.Shots(TestPaths.Data($"bp/{name}_p0.03_2000.dets.b8"), TestPaths.Data($"bp/{name}_p0.03_2000.obs.01"), detectorBytes);
        int eb = (code.Code.NumQubits + 7) >> 3;
        var ourObs = new byte[shots * 2];
        for (int s = 0; s < shots; s++)
        {
            code.Code.XErrorObservables(errs.AsSpan(s * eb, eb), ourObs.AsSpan(s * 2, 2));
        }
        foreach (var kind in new[] { BpDecoderKind.Bp, BpDecoderKind.BpOsd })
        {
            int ours = Errors(new BpDecoderFactory(kind).Compile(generated, DecoderOptions.Empty).CreateDecoder(), dets, ourObs, shots);
            int theirs = Errors(new BpDecoderFactory(kind).Compile(reference, DecoderOptions.Empty).CreateDecoder(), dets, referenceObs, shots);
            output.WriteLine($"{name} p=0.03 {kind}: {ours} logical errors with the generated code, {theirs} with the reference code");
            Assert.Equal(theirs, ours);
            Assert.True(ours > 0, "no logical error in 2,000 shots: the comparison checked nothing");
        }
    }

    [Theory]
    [InlineData(6, 3, 0.02)]
    [InlineData(12, 2, 0.01)]
    public void Bposd_reproduces_every_syndrome_of_a_phenomenological_bb_code(int l, int rounds, double p)
    {
        var model = CodeGenerators.BivariateBicycle(BivariateBicycleCode.Create(l, 6, "x3+y+y2", "y3+x+x2"), rounds, NoiseModel.Phenomenological, p);
        var compiled = (BpCompiledDecoder)new BpDecoderFactory(BpDecoderKind.BpOsd).Compile(model, DecoderOptions.Empty);
        var decoder = compiled.CreateDecoder();
        const int shots = 300;
        var (dets, obs) = new DemSampler(model).Sample(shots, 23);
        int db = (compiled.NumDetectors + 7) >> 3, ob = (compiled.NumObservables + 7) >> 3, errors = 0, osd = 0;
        var flips = new byte[ob];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            decoder.Decode(shot, flips);
            Assert.True(TestCodes.Satisfies(compiled.Graph.Matrix, decoder.Decision, shot.ToArray()), $"shot {s}");
            errors += flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
            osd += decoder.LastUsedOsd ? 1 : 0;
        }
        output.WriteLine($"l={l} rounds={rounds} p={p}: {errors} logical errors, OSD on {osd} of {shots} shots");
        Assert.True(osd > 0, "BP converged on every shot: OSD was not exercised");
    }

    private static int Errors(IDecoder decoder, byte[] dets, byte[] obs, int shots)
    {
        int db = decoder.DetectorBytes, ob = decoder.ObservableBytes, errors = 0;
        var flips = new byte[ob];
        for (int s = 0; s < shots; s++)
        {
            decoder.Decode(dets.AsSpan(s * db, db), flips);
            errors += flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
        }
        return errors;
    }
}
