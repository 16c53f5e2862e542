using Qec.StatMech.Hopfield;

namespace Qec.StatMech.Tests.Hopfield;

public class HopfieldTests
{
    /// <summary>The Hebb rule, written out: J_ij = (1/n) Σ_μ ξ_i^μ ξ_j^μ for every pair, nothing else.</summary>
    [Fact]
    public void HebbRuleBuildsTheOuterProductCouplings()
    {
        var patterns = HopfieldNetwork.RandomPatterns(9, 4, seed: 3);
        var matrix = HopfieldNetwork.Hebb(patterns).CouplingMatrix();
        for (var i = 0; i < 9; i++)
        for (var j = 0; j < 9; j++)
        {
            var expected = i == j ? 0.0 : patterns.Sum(p => p[i] * p[j]) / 9.0;
            Assert.Equal(expected, matrix[i, j], 1e-15);
        }
    }

    /// <summary>Hopfield ≡ RBM with Gaussian hidden units: the RBM's visible marginal, with the hidden units integrated by
    /// Gauss–Hermite quadrature, equals the normalized e^{−βE_Hopfield} over all 2^10 states to 1e-10.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void GaussianHiddenRbmMarginalIsTheHopfieldDistribution(double beta)
    {
        var patterns = HopfieldNetwork.RandomPatterns(10, 3, seed: 8);
        var hopfield = HopfieldNetwork.Hebb(patterns);
        var rbm = new GaussianHiddenRbm(patterns).VisibleDistribution(beta);
        var spins = new sbyte[10];
        var weights = new double[1 << 10];
        for (var state = 0; state < weights.Length; state++)
        {
            for (var i = 0; i < 10; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
            weights[state] = Math.Exp(-beta * hopfield.Energy(spins));
        }
        var z = weights.Sum();
        var largest = 0.0;
        for (var state = 0; state < weights.Length; state++) largest = Math.Max(largest, Math.Abs(weights[state] / z - rbm[state]));
        Assert.True(largest < 1e-10, $"max |p_RBM − p_Hopfield| = {largest}");
    }

    [Fact]
    public void GaussHermiteIntegratesMoments()
    {
        var (nodes, weights) = GaussHermite.Rule(40);
        Assert.Equal(Math.Sqrt(Math.PI), weights.Sum(), 1e-13);
        Assert.Equal(Math.Sqrt(Math.PI) / 2, nodes.Zip(weights, (t, w) => w * t * t).Sum(), 1e-13);
        Assert.Equal(Math.Sqrt(Math.PI) * Math.Exp(0.25 * 9), nodes.Zip(weights, (t, w) => w * Math.Exp(3 * t)).Sum(), 1e-9);
    }

    /// <summary>One stored pattern is the ground state: T = 0 dynamics from a copy with 20% of the spins flipped
    /// returns exactly to it, and Glauber at T = 0.2 keeps m above tanh's fixed point minus noise.</summary>
    [Fact]
    public void RetrievalFromANoisyCopy()
    {
        var patterns = HopfieldNetwork.RandomPatterns(200, 1, seed: 4);
        var model = HopfieldNetwork.Hebb(patterns);
        var start = (sbyte[])patterns[0].Clone();
        for (var i = 0; i < 200; i += 5) start[i] = (sbyte)-start[i];
        var zero = HopfieldDynamics.Run(model, start, 0, 50, new Random(1));
        Assert.True(zero.Converged);
        Assert.Equal(1.0, HopfieldNetwork.Overlap(zero.Spins, patterns[0]));
        var warm = HopfieldDynamics.Run(model, patterns[0], 0.2, 20, new Random(2));
        Assert.True(HopfieldNetwork.Overlap(warm.Spins, patterns[0]) > 0.95);
    }

    /// <summary>Below capacity the pattern is retrieved almost perfectly; far above (α = 0.3) it is lost.</summary>
    [Fact]
    public void OverlapDropsAboveCapacity()
    {
        var curve = HopfieldCapacity.Curve(400, [0.05, 0.3], trials: 3, temperature: 0, maxSweeps: 100, seed: 1, threads: 1);
        Assert.Equal(20, curve[0].Patterns);
        Assert.True(curve[0].MeanOverlap > 0.99, $"m(0.05) = {curve[0].MeanOverlap}");
        Assert.True(curve[1].MeanOverlap < 0.8, $"m(0.3) = {curve[1].MeanOverlap}");
    }
}
