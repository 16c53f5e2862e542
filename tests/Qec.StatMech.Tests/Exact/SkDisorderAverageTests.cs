using Qec.StatMech.Exact;

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
}
