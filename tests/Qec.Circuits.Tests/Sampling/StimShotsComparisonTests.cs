using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Sampling;

/// <summary>
/// Our circuit samples against Stim's own <c>stim detect</c> shots of the same circuit
/// (../shared/reference/shots; skipped when the reference data is absent): every detector marginal,
/// every pairwise joint frequency P(Dᵢ ∧ Dⱼ) and the observable marginal agree within 5σ of the
/// two-sample difference of proportions; and Stim's shots themselves agree with the exact statistics of our
/// analysis of the circuit (so sampler, analyzer and Stim are checked against each other).
/// </summary>
public sealed class StimShotsComparisonTests
{
    [Theory]
    [InlineData("sc_rmz_d05_r05_p0.005", 120, 100_000)]
    [InlineData("sc_rmz_d03_r03_p0.007", 24, 100_000)]
    public void MarginalsAndPairsAgreeWithStimsShots(string name, int detectors, int shots)
    {
        if (TestPaths.ReferenceFile("shots/" + name + ".dets.b8") is not { } stimFile || !File.Exists(stimFile))
        {
            return;
        }
        var circuit = Circuit.Load(TestPaths.ReferenceFile("circuits/" + name + ".stim")!);
        var sampler = new CircuitSampler(circuit);
        Assert.Equal(detectors, sampler.NumDetectors);
        var (dets, obs) = sampler.Sample(shots, 2024);
        var ours = SampleChecks.Columns(dets, detectors, obs, 1, shots);
        byte[] stimDets = File.ReadAllBytes(stimFile);
        int stimShots = stimDets.Length / sampler.DetectorBytesPerShot;
        byte[] stimObs = [.. File.ReadAllLines(TestPaths.ReferenceFile("shots/" + name + ".obs.01")!)
            .Where(l => l.Length > 0).Select(l => (byte)(l == "1" ? 1 : 0))];
        Assert.Equal(stimShots, stimObs.Length);
        var theirs = SampleChecks.Columns(stimDets, detectors, stimObs, 1, stimShots);
        for (int i = 0; i < ours.Length; i++)
        {
            for (int j = i; j < ours.Length; j++)
            {
                SampleChecks.AssertClose(BitColumns.CountBoth(ours[i], ours[j]), shots,
                    BitColumns.CountBoth(theirs[i], theirs[j]), stimShots, $"{name}: bits {i} ∧ {j}");
            }
        }
        SampleChecks.AssertMatchesExact(theirs, stimShots, ExactBitStatistics.Of(ErrorAnalyzer.Analyze(circuit).Flatten()), name + " (Stim's shots)");
    }
}
