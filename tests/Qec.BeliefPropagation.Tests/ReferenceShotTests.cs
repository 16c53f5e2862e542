using System.Globalization;
using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Graphs;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// The BP family on the bivariate-bicycle reference shots: bposd reproduces every syndrome, and its
/// logical error count is no worse than ldpc's BP+OSD-CS7 beyond three standard deviations.
/// </summary>
public class ReferenceShotTests(ITestOutputHelper output)
{
    /// <summary>The two codes with committed shots (tests/data/bp).</summary>
    public static TheoryData<string> Committed => new() { "bb72", "bb144" };

    [Theory]
    [MemberData(nameof(Committed))]
    public void Bposd_on_committed_shots_reproduces_every_syndrome_and_matches_ldpc(string code)
    {
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), code, 0.03);
        var (dets, obs, shots) = ReferenceCodes.Shots(TestPaths.Data($"bp/{code}_p0.03_2000.dets.b8"), TestPaths.Data($"bp/{code}_p0.03_2000.obs.01"), (int)(model.Counts.NumDetectors + 7) >> 3);
        int errors = DecodeAndCheck(model, "bposd", dets, obs, shots);
        // ldpc: 371 / 10,000 (bb72) and 19 / 10,000 (bb144) at p = 3%: expected 74.2 and 3.8 in 2,000 shots.
        double expected = code == "bb72" ? 74.2 : 3.8;
        output.WriteLine($"{code} p=0.03: bposd {errors} errors in {shots} shots (ldpc rate gives {expected})");
        Assert.True(errors <= expected + 3 * Math.Sqrt(expected) + 1, $"{errors} errors, ldpc's rate gives {expected}");
    }

    [Fact]
    public void Bposd_reproduces_every_syndrome_of_every_reference_file()
    {
        int files = 0;
        foreach (var (code, p, folder) in ReferenceCodes.FullReference())
        {
            var model = ReferenceCodes.Load(folder, code, p);
            string name = $"{code}_p{p.ToString("0.00", CultureInfo.InvariantCulture)}";
            var (dets, obs, shots) = ReferenceCodes.Shots(Path.Combine(folder, name + ".dets.b8"), Path.Combine(folder, name + ".obs.01"), (int)(model.Counts.NumDetectors + 7) >> 3);
            int errors = DecodeAndCheck(model, "bposd", dets, obs, shots);
            output.WriteLine($"{name}: bposd {errors} logical errors in {shots} shots");
            files++;
        }
        if (files == 0)
        {
            output.WriteLine("SKIPPED: ../shared/reference is absent");
        }
    }

    /// <summary>Decodes every shot, asserts the decision reproduces the syndrome, returns the logical errors.</summary>
    private static int DecodeAndCheck(Core.Dem.DetectorErrorModel model, string decoderName, byte[] dets, byte[] obs, int shots)
    {
        var kind = decoderName == "bposd" ? BpDecoderKind.BpOsd : decoderName == "bp" ? BpDecoderKind.Bp : BpDecoderKind.RelayBp;
        var compiled = (BpCompiledDecoder)new BpDecoderFactory(kind).Compile(model, DecoderOptions.Empty);
        var decoder = compiled.CreateDecoder();
        var matrix = compiled.Graph.Matrix;
        int db = (compiled.NumDetectors + 7) >> 3, ob = (compiled.NumObservables + 7) >> 3, errors = 0;
        var flips = new byte[ob];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            decoder.Decode(shot, flips);
            Assert.True(TestCodes.Satisfies(matrix, decoder.Decision, shot.ToArray()), $"shot {s}: decision does not reproduce the syndrome");
            errors += flips.AsSpan().SequenceEqual(obs.AsSpan(s * ob, ob)) ? 0 : 1;
        }
        return errors;
    }
}
