using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using Qec.StatMech.Renormalization;

namespace Qec.StatMech.Tests.Renormalization;

public class TensorRenormalizationTests
{
    /// <summary>ORACLES.md: Onsager ln Z/N at β = 0.5 is 1.025792812695; TRG at χ = 20, 20 steps is within 1e-6
    /// (the literature value 1.0257933734 is 5.6e-7 above).</summary>
    [Fact]
    public void Chi20MatchesOnsagerAtBetaHalf()
    {
        var value = TensorRenormalization.LogPartitionPerSite(0.5, 20, 20);
        Assert.True(Math.Abs(value - 1.025792812695) < 1e-6, $"TRG {value:R}");
    }

    /// <summary>Far from T_c a small χ already gives many digits (ORACLES.md Onsager values).</summary>
    [Theory]
    [InlineData(0.3, 0.790559070951)]
    [InlineData(1.0, 2.000348283701)]
    public void SmallChiAwayFromCriticality(double beta, double onsager) =>
        Assert.Equal(onsager, TensorRenormalization.LogPartitionPerSite(beta, 8, 20), 1e-5);

    /// <summary>Untruncated TRG on the 4x4 torus is exact: ORACLES.md ln Z and enumeration.</summary>
    [Theory]
    [InlineData(0.44, 15.504726538718)]
    [InlineData(0.5, 17.105367118732)]
    [InlineData(1.0, 32.698721401879)]
    public void Periodic4x4IsExactWithoutTruncation(double beta, double logZ)
    {
        Assert.Equal(logZ, TensorRenormalization.LogPartitionPeriodic(beta, 16, 4), 1e-9);
        Assert.Equal(ExactEnumeration.LogPartition(IsingModel.SquareLattice(4, true), beta), TensorRenormalization.LogPartitionPeriodic(beta, 16, 4), 1e-9);
    }

    /// <summary>The 8x8 and 16x16 tori against Kaufman's closed form (truncated at χ = 16, so to 1e-6 per site).</summary>
    [Theory]
    [InlineData(8, 0.44)]
    [InlineData(16, 0.5)]
    public void PeriodicTorusMatchesKaufman(int length, double beta) =>
        Assert.Equal(Kaufman.LogPartition(length, beta) / (length * length),
            TensorRenormalization.LogPartitionPeriodic(beta, 16, length) / (length * length), 1e-6);

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => TensorRenormalization.LogPartitionPerSite(0, 8)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => TensorRenormalization.LogPartitionPeriodic(0.5, 8, 6)).ParamName);
    }
}
