using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Exact;

public class SkDisorderAverageTests
{
    /// <summary>ORACLES.md: ln E_J[Z]/n = ln 2 + β²(n − 1)/(4n) exactly; the sample mean of Z over 2000 n = 10 samples is
    /// within 3σ, and the quenched average lies below it (Jensen).</summary>
    [Fact]
    public void AnnealedAverageMatchesTheIdentityAtN10()
    {
        var rows = SkDisorderAverage.Run(10, [0.5, 1.0, 1.5], samples: 2000, firstSeed: 1000, threads: 2);
        foreach (var row in rows)
        {
            Assert.True(Math.Abs(row.AnnealedPerSpin - row.AnnealedExact) <= 3 * row.AnnealedError,
                $"β {row.Beta}: {row.AnnealedPerSpin} ± {row.AnnealedError} vs {row.AnnealedExact}");
            Assert.True(row.AnnealedError < 0.01);
            Assert.True(row.QuenchedPerSpin < row.AnnealedExact);
        }
        Assert.Equal(0.930647, SkDisorderAverage.AnnealedExact(20, 1), 1e-6);
    }

    /// <summary>Var_J Z / E_J[Z]² by the overlap sum equals the double sum over all pairs (s, s') of
    /// Π_{i&lt;j} E[e^{βJ_ij(s_i s_j + s'_i s'_j)}] = exp(β²/(2n) Σ_{i&lt;j} (s_i s_j + s'_i s'_j)²), done directly at n = 6.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void RelativeVarianceEqualsTheDirectPairSum(double beta)
    {
        const int n = 6;
        var secondMoment = 0.0;
        for (var s = 0; s < 1 << n; s++)
        for (var t = 0; t < 1 << n; t++)
        {
            var exponent = 0.0;
            for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var pair = Spin(s, i) * Spin(s, j) + Spin(t, i) * Spin(t, j);
                exponent += beta * beta / (2.0 * n) * pair * pair;
            }
            secondMoment += Math.Exp(exponent);
        }
        var mean = Math.Exp(n * Math.Log(2) + n * (SkDisorderAverage.AnnealedExact(n, beta) - Math.Log(2)));
        Assert.Equal(secondMoment / (mean * mean) - 1, SkDisorderAverage.RelativeVariance(n, beta), 1e-9);
    }

    /// <summary>At weak coupling the sample variance of Z over SK samples estimates the exact relative variance.</summary>
    [Fact]
    public void RelativeVarianceMatchesTheSampleSpreadAtWeakCoupling()
    {
        const int n = 10, samples = 2000;
        const double beta = 0.5;
        double sum = 0, squares = 0;
        for (var seed = 0; seed < samples; seed++)
        {
            var z = Math.Exp(ExactEnumeration.LogPartition(IsingModel.SherringtonKirkpatrick(n, 5000 + seed), beta, threads: 1) - n * Math.Log(2));
            sum += z;
            squares += z * z;
        }
        var mean = sum / samples;
        var sampleRelative = (squares / samples - mean * mean) / (mean * mean);
        Assert.InRange(sampleRelative / SkDisorderAverage.RelativeVariance(n, beta), 0.8, 1.2);
    }

    private static int Spin(int state, int i) => ((state >> i) & 1) == 0 ? 1 : -1;
}
