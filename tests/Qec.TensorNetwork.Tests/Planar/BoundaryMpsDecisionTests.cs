using System.Globalization;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.TensorNetwork.Planar;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// Decision quality: the maximum-likelihood class (argmax of the boundary-MPS weights) must not make
/// more logical errors than minimum-weight matching on the same shots, beyond two standard deviations
/// of the paired difference (√(shots where exactly one of the two fails)). Maximum likelihood is
/// optimal, so on average it makes fewer (Bravyi, Suchara &amp; Vargo, Fig. 6; ../shared/ORACLES.md:
/// optimal bit-flip threshold 10.9% against matching's 10.3%).
/// </summary>
public class BoundaryMpsDecisionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NoiseModel.CodeCapacity, 5, 0.1, 4000)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 5, 0.1, 1000)]
    public void Maximum_likelihood_fails_no_more_often_than_matching(NoiseModel noise, int d, double p, int shots)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        var (dets, obs) = new DemSampler(model).Sample(shots, 2024);
        var mps = BoundaryMpsCosets.Compile(model, 8);
        var mwpm = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        int bytes = mps.DetectorBytes;
        var logs = new double[mps.NumClasses];
        var flip = new byte[1];
        var tally = new Tally();
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            mps.Compute(shot, logs);
            mwpm.Decode(shot, flip);
            int truth = obs[s] & 1;
            tally.Add(BoundaryMpsCosets.MostLikelyClass(logs) != truth, (flip[0] & 1) != truth);
        }
        output.WriteLine($"{noise}, d = {d}, p = {p}, {shots} shots (seed 2024): tn χ = 8 {tally}, mwpm {tally.Other}; {tally.Discordant} discordant");
        tally.AssertNoWorse();
    }

    [Theory]
    [InlineData("sc_cc_d05_r01_p0.10")]
    [InlineData("sc_cc_d09_r01_p0.10")]
    [InlineData("sc_cc_d09_r01_p0.15")]
    public void On_Stim_reference_shots_maximum_likelihood_fails_no_more_often_than_PyMatching(string name)
    {
        if (ReferenceCases.TryLoad(name, output) is not { } model)
        {
            return;
        }
        var mps = BoundaryMpsCosets.Compile(model, 8);
        var dets = File.ReadAllBytes(ReferenceCases.PathOf("shots/NAME.dets.b8", name));
        var truth = File.ReadAllLines(ReferenceCases.PathOf("shots/NAME.obs.01", name));
        var pymatching = File.ReadAllLines(ReferenceCases.PathOf("pymatching/NAME.pm_weights.txt", name));
        int bytes = mps.DetectorBytes, shots = truth.Length;
        Assert.Equal(shots * bytes, dets.Length);
        Assert.Equal(shots, pymatching.Length);
        var logs = new double[mps.NumClasses];
        var tally = new Tally();
        double discarded = 0;
        for (int s = 0; s < shots; s++)
        {
            discarded += mps.Compute(dets.AsSpan(s * bytes, bytes), logs).DiscardedWeight;
            int actual = truth[s][0] - '0';
            int matched = int.Parse(pymatching[s].Split(' ')[0], CultureInfo.InvariantCulture);
            tally.Add(BoundaryMpsCosets.MostLikelyClass(logs) != actual, matched != actual);
        }
        output.WriteLine($"{name}, {shots} shots: tn χ = 8 {tally}, PyMatching {tally.Other}; {tally.Discordant} discordant; " +
            $"mean discarded weight {discarded / shots:E1}; {mps.Layout}");
        tally.AssertNoWorse();
    }

    /// <summary>Paired failure counts of the boundary-MPS decision and a baseline on the same shots.</summary>
    private sealed class Tally
    {
        public int Mine { get; private set; }

        public int Other { get; private set; }

        public int Discordant { get; private set; }

        public void Add(bool mineFails, bool otherFails)
        {
            Mine += mineFails ? 1 : 0;
            Other += otherFails ? 1 : 0;
            Discordant += mineFails != otherFails ? 1 : 0;
        }

        /// <summary>Mine − Other has standard deviation √Discordant under "equally good"; allow two of them.</summary>
        public void AssertNoWorse() => Assert.True(Mine <= Other + 2 * Math.Sqrt(Discordant),
            $"maximum likelihood failed {Mine} times, the baseline {Other} ({Discordant} shots differ)");

        public override string ToString() => Mine.ToString(CultureInfo.InvariantCulture);
    }
}
