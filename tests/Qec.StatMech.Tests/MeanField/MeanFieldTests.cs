using Qec.StatMech.Exact;
using Qec.StatMech.MeanField;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.MeanField;

public class MeanFieldTests
{
    private static readonly MeanFieldOptions Tight = new(MaxIterations: 20_000, Tolerance: 1e-14, Damping: 0.3, Restarts: 2);

    /// <summary>A random tree (each spin i &gt; 0 hangs on a random earlier one) with Gaussian couplings and uniform fields.</summary>
    internal static IsingModel RandomTree(int n, int seed)
    {
        var random = new Random(seed);
        var couplings = new List<Coupling>();
        for (var i = 1; i < n; i++) couplings.Add(new Coupling(random.Next(i), i, 1.5 * (random.NextDouble() * 2 - 1)));
        var fields = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        return new IsingModel(n, couplings, fields, $"tree n={n} seed={seed}");
    }

    /// <summary>BP is exact on trees: ln Z, every m_i and every edge ⟨s_i s_j⟩ equal enumeration to 1e-9.</summary>
    [Theory]
    [InlineData(12, 1, 0.7)]
    [InlineData(14, 2, 1.3)]
    [InlineData(10, 3, 2.5)]
    public void BeliefPropagationOnATreeEqualsEnumeration(int n, int seed, double beta)
    {
        var tree = RandomTree(n, seed);
        var bp = MeanFieldFreeEnergy.Bethe(tree, beta, Tight);
        var exact = ExactEnumeration.Moments(tree, beta, threads: 1);
        Assert.True(bp.Converged);
        Assert.Equal(exact.LogPartition, bp.LogPartition, 1e-9);
        for (var i = 0; i < n; i++) Assert.Equal(exact.Magnetizations[i], bp.Magnetizations[i], 1e-9);
        var couplings = tree.Couplings;
        for (var e = 0; e < couplings.Length; e++)
            Assert.Equal(exact.Correlations[couplings[e].I, couplings[e].J], bp.EdgeCorrelations![e], 1e-9);
        Assert.Equal(-exact.LogPartition / beta, bp.FreeEnergy, 1e-9);
    }

    /// <summary>One free spin in a field: every approximation is exact, ln Z = ln 2cosh βh.</summary>
    [Fact]
    public void ASingleSpinIsExactForEveryApproximation()
    {
        var spin = new IsingModel(1, [], [0.8]);
        const double beta = 1.7;
        var expected = Math.Log(2 * Math.Cosh(beta * 0.8));
        Assert.Equal(expected, MeanFieldFreeEnergy.Naive(spin, beta).LogPartition, 1e-12);
        Assert.Equal(expected, MeanFieldFreeEnergy.Tap(spin, beta).LogPartition, 1e-12);
        Assert.Equal(expected, MeanFieldFreeEnergy.Bethe(spin, beta).LogPartition, 1e-12);
        Assert.Equal(Math.Tanh(beta * 0.8), MeanFieldFreeEnergy.Naive(spin, beta).Magnetizations[0], 1e-12);
    }

    /// <summary>Gibbs–Bogoliubov: ln Z_nMF ≤ ln Z at every β, here on SK with fields.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void NaiveMeanFieldIsALowerBoundOnLnZ(double beta)
    {
        var sk = IsingModel.SherringtonKirkpatrick(10, seed: 4);
        var model = sk.WithFields(Enumerable.Range(0, 10).Select(i => 0.1 * (i % 3 - 1)).ToArray());
        var exact = ExactEnumeration.LogPartition(model, beta, threads: 1);
        var nmf = MeanFieldFreeEnergy.Naive(model, beta);
        Assert.True(nmf.Converged);
        Assert.True(nmf.LogPartition <= exact + 1e-12, $"nMF {nmf.LogPartition} above exact {exact}");
    }

    /// <summary>High temperature, zero fields: the paramagnetic Bethe fixed point on the loopy SK graph gives
    /// ln Z = n ln 2 + Σ_{i&lt;j} ln cosh βJ_ij and TAP n ln 2 + (β²/2) Σ J_ij²; TAP beats nMF against enumeration.</summary>
    [Fact]
    public void SkParamagnetMatchesClosedForms()
    {
        const int n = 12;
        const double beta = 0.2;
        var sk = IsingModel.SherringtonKirkpatrick(n, seed: 9);
        double lnCosh = 0, squares = 0;
        foreach (var c in sk.Couplings)
        {
            lnCosh += Math.Log(Math.Cosh(beta * c.Strength));
            squares += c.Strength * c.Strength;
        }
        var bethe = MeanFieldFreeEnergy.Bethe(sk, beta, Tight);
        var tap = MeanFieldFreeEnergy.Tap(sk, beta, Tight);
        var nmf = MeanFieldFreeEnergy.Naive(sk, beta, Tight);
        Assert.Equal(n * Math.Log(2) + lnCosh, bethe.LogPartition, 1e-10);
        Assert.Equal(n * Math.Log(2) + 0.5 * beta * beta * squares, tap.LogPartition, 1e-10);
        Assert.Equal(n * Math.Log(2), nmf.LogPartition, 1e-10);
        var exact = ExactEnumeration.LogPartition(sk, beta, threads: 1);
        Assert.True(Math.Abs(tap.LogPartition - exact) < 0.1 * Math.Abs(nmf.LogPartition - exact));
    }
}
