using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Planar;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// χ convergence on sampled syndromes of the rotated surface code: the class weights at
/// χ = 2, 4, 8, 16, 32 must settle. Tolerances, from χ = 16 to χ = 32: the likelier class's ln Z and
/// the posterior P(L0 flipped | s) within 1e-6 (1e-6 relative in Z); the less likely class, e^10–e^15
/// times rarer at p = 0.1, within 1e-4 (truncation error is relative to the whole boundary state); and
/// every change from 16 to 32 below the change from 2 to 4. The table is printed for bench/RESULTS.md.
/// </summary>
public class BoundaryMpsConvergenceTests(ITestOutputHelper output)
{
    private static readonly int[] Chis = [2, 4, 8, 16, 32];

    [Theory]
    [InlineData(NoiseModel.CodeCapacity, 9, 0.1, 12)]
    [InlineData(NoiseModel.CodeCapacity, 17, 0.1, 6)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 9, 0.05, 4)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 9, 0.1, 4)]
    public void Class_weights_converge_with_bond_dimension(NoiseModel noise, int d, double p, int shots)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
        var (dets, _) = new DemSampler(model).Sample(shots, 11);
        var runs = new SampledRun[Chis.Length];
        for (int i = 0; i < Chis.Length; i++)
        {
            var mps = BoundaryMpsCosets.Compile(model, Chis[i]);
            if (i == 0)
            {
                output.WriteLine($"{noise}, d = {d}, p = {p}, {shots} shots (seed 11); {mps.Layout}");
            }
            runs[i] = SampledRun.Of(mps, dets, shots, warmup: 1);
        }
        // The likelier class of each shot, by the χ = 32 weights.
        var top = runs[^1];
        var likely = new int[shots];
        for (int s = 0; s < shots; s++)
        {
            likely[s] = top.Logs[2 * s + 1] > top.Logs[2 * s] ? 1 : 0;
        }
        output.WriteLine("| χ | likelier class: max abs Δln Z vs χ/2 | vs χ = 32 | less likely class: max abs Δln Z vs χ/2 | vs χ = 32 | " +
            "max abs ΔP(L0 flipped given s) vs χ = 32 | mean discarded weight | ms/shot |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        var changeLikely = new double[Chis.Length];
        var changeRare = new double[Chis.Length];
        for (int i = 0; i < Chis.Length; i++)
        {
            changeLikely[i] = i == 0 ? double.NaN : MaxDifference(runs[i], runs[i - 1], likely, rare: false);
            changeRare[i] = i == 0 ? double.NaN : MaxDifference(runs[i], runs[i - 1], likely, rare: true);
            output.WriteLine($"| {Chis[i]} | {changeLikely[i]:E2} | {MaxDifference(runs[i], top, likely, rare: false):E2} | " +
                $"{changeRare[i]:E2} | {MaxDifference(runs[i], top, likely, rare: true):E2} | {MaxPosteriorDifference(runs[i], top):E2} | " +
                $"{runs[i].Discarded / shots:E2} | {runs[i].MicrosecondsPerShot / 1000:F2} |");
        }
        Assert.True(changeLikely[^1] <= 1e-6, $"likelier class: ln Z still changes by {changeLikely[^1]:E2} from χ = 16 to 32");
        Assert.True(MaxPosteriorDifference(runs[^2], top) <= 1e-6, "posterior still changes from χ = 16 to 32");
        Assert.True(changeRare[^1] <= 1e-4, $"less likely class: ln Z still changes by {changeRare[^1]:E2} from χ = 16 to 32");
        Assert.True(changeLikely[^1] <= changeLikely[1] && changeRare[^1] <= changeRare[1],
            "the change from χ = 16 to 32 is not below the change from 2 to 4");
    }

    /// <summary>Largest |Δ ln Z| of the likelier (or the other) class over shots; one side −∞ and the other finite counts as ∞.</summary>
    private static double MaxDifference(SampledRun a, SampledRun b, int[] likely, bool rare)
    {
        double max = 0;
        for (int s = 0; s < likely.Length; s++)
        {
            int i = 2 * s + (rare ? 1 - likely[s] : likely[s]);
            if (!(double.IsNegativeInfinity(a.Logs[i]) && double.IsNegativeInfinity(b.Logs[i])))
            {
                max = Math.Max(max, Math.Abs(a.Logs[i] - b.Logs[i]));
            }
        }
        return max;
    }

    /// <summary>Largest change of the posterior P(class 1 | s) = 1 / (1 + e^(ln Z0 − ln Z1)) between two runs.</summary>
    private static double MaxPosteriorDifference(SampledRun a, SampledRun b)
    {
        double max = 0;
        for (int s = 0; s + 1 < a.Logs.Length; s += 2)
        {
            max = Math.Max(max, Math.Abs(Posterior(a.Logs[s], a.Logs[s + 1]) - Posterior(b.Logs[s], b.Logs[s + 1])));
        }
        return max;
    }

    private static double Posterior(double log0, double log1) => 1 / (1 + Math.Exp(log0 - log1));
}
