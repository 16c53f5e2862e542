using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Exact;

public class OnsagerKaufmanTests
{
    /// <summary>ORACLES.md: Onsager ln Z / N, tolerance 1e-9 (it agrees to 6e-13, the oracle's rounding).</summary>
    [Theory]
    [InlineData(0.1, 0.703231242286)]
    [InlineData(0.3, 0.790559070951)]
    [InlineData(0.4, 0.879363820775)]
    [InlineData(0.44, 0.928728540457)]
    [InlineData(0.44068679350977147, 0.929695398342)]
    [InlineData(0.5, 1.025792812695)]
    [InlineData(0.6, 1.210132388288)]
    [InlineData(1.0, 2.000348283701)]
    public void OnsagerMatchesOracle(double beta, double expected) =>
        Assert.Equal(expected, Onsager.LogPartitionPerSite(beta), 1e-9);

    [Fact]
    public void CriticalBetaIsTheSelfDualPoint() => Assert.Equal(1.0, Math.Sinh(2 * Onsager.CriticalBeta), 1e-15);

    /// <summary>Limits: ln 2 at β → 0 (the high-temperature series starts ln 2 + β² ... per site: ln 2 + 2 ln cosh β
    /// + O(tanh⁴β)) and 2β (ground state E/N = −2) at large β.</summary>
    [Fact]
    public void OnsagerLimits()
    {
        const double beta = 1e-3;
        Assert.Equal(Math.Log(2) + 2 * Math.Log(Math.Cosh(beta)), Onsager.LogPartitionPerSite(beta), 1e-11);
        Assert.Equal(2 * 20.0, Onsager.LogPartitionPerSite(20), 1e-12);
        Assert.Equal(2 * 300.0, Onsager.LogPartitionPerSite(300), 1e-9);
    }

    /// <summary>ORACLES.md: L = 16 periodic free energy per site, tolerance 1e-9.</summary>
    [Theory]
    [InlineData(0.3, -2.635198336752)]
    [InlineData(0.4, -2.199500456600)]
    [InlineData(0.44, -2.116364055435)]
    [InlineData(0.5, -2.057001644016)]
    [InlineData(0.6, -2.021399990819)]
    [InlineData(1.0, -2.003055889875)]
    public void Kaufman16MatchesOracle(double beta, double expected) =>
        Assert.Equal(expected, Kaufman.FreeEnergyPerSite(16, beta), 1e-9);

    /// <summary>Kaufman against enumeration on L × L tori (L = 2 has doubled bonds on both sides), above, at and
    /// below β_c, to 1e-10.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void KaufmanEqualsEnumeration(int length)
    {
        double[] betas = [0.05, 0.2, 0.3, 0.4, Onsager.CriticalBeta, 0.44, 0.5, 0.7, 1.0, 2.0];
        var exact = ExactEnumeration.Solve(IsingModel.SquareLattice(length, periodic: true), betas);
        for (var b = 0; b < betas.Length; b++) Assert.Equal(exact[b].LogPartition, Kaufman.LogPartition(length, betas[b]), 1e-10);
    }

    /// <summary>A rectangular torus (columns ≠ rows) against enumeration, both orientations.</summary>
    [Theory]
    [InlineData(3, 5)]
    [InlineData(5, 3)]
    [InlineData(4, 2)]
    public void KaufmanRectangleEqualsEnumeration(int columns, int rows)
    {
        var couplings = new List<Coupling>();
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
        {
            couplings.Add(new Coupling(r * columns + c, r * columns + (c + 1) % columns, 1));
            couplings.Add(new Coupling(r * columns + c, (r + 1) % rows * columns + c, 1));
        }
        var model = new IsingModel(rows * columns, couplings);
        foreach (var beta in new[] { 0.1, 0.42, 0.6, 1.5 })
            Assert.Equal(ExactEnumeration.LogPartition(model, beta), Kaufman.LogPartition(columns, rows, beta), 1e-10);
    }

    /// <summary>ln Z / N of the L × L torus approaches Onsager's limit: exponentially fast off β_c (below T_c after
    /// removing the ln 2 of the two ordered phases), and the gap shrinks with L at β_c.</summary>
    [Fact]
    public void KaufmanApproachesOnsager()
    {
        foreach (var beta in new[] { 0.2, 0.3, 0.6, 1.0 })
        {
            var degeneracy = beta > Onsager.CriticalBeta ? Math.Log(2) : 0;
            Assert.Equal(Onsager.LogPartitionPerSite(beta), (Kaufman.LogPartition(256, beta) - degeneracy) / (256.0 * 256), 1e-10);
        }
        var previous = double.PositiveInfinity;
        foreach (var length in new[] { 16, 64, 256, 1024 })
        {
            var gap = Math.Abs(Kaufman.LogPartition(length, Onsager.CriticalBeta) / ((double)length * length)
                - Onsager.LogPartitionPerSite(Onsager.CriticalBeta));
            Assert.True(gap < previous / 4, $"L = {length}: gap {gap} not below a quarter of {previous}");
            previous = gap;
        }
        Assert.True(previous < 1e-6);
    }

    [Fact]
    public void BadInputIsRefusedByName()
    {
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => Kaufman.LogPartition(4, 0)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => Kaufman.LogPartition(1, 4, 0.3)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => Onsager.LogPartitionPerSite(double.NaN)).ParamName);
    }
}
