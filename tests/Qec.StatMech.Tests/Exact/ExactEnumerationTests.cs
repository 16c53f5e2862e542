using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Exact;

public class ExactEnumerationTests
{
    /// <summary>ORACLES.md: 4x4 periodic ln Z.</summary>
    [Theory]
    [InlineData(0.44, 15.504726538718)]
    [InlineData(0.5, 17.105367118732)]
    [InlineData(1.0, 32.698721401879)]
    public void SquareLattice4x4LogPartitionMatchesOracle(double beta, double expected) =>
        Assert.Equal(expected, ExactEnumeration.LogPartition(IsingModel.SquareLattice(4, periodic: true), beta), 1e-10);

    [Fact]
    public void SquareLattice4x4DensityOfStatesMatchesOracle()
    {
        var expected = new Dictionary<double, long>
        {
            [-32] = 2, [-24] = 32, [-20] = 64, [-16] = 424, [-12] = 1728, [-8] = 6688, [-4] = 13568, [0] = 20524,
            [4] = 13568, [8] = 6688, [12] = 1728, [16] = 424, [20] = 64, [24] = 32, [32] = 2,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), ExactEnumeration.DensityOfStates(IsingModel.SquareLattice(4, periodic: true)));
    }

    /// <summary>Chunked Gray-code enumeration against a plain loop over states that evaluates E(s) from scratch, on a
    /// model with fields and more spins than one chunk holds.</summary>
    [Fact]
    public void ChunkedGrayCodeEqualsPlainSum()
    {
        var sk = IsingModel.SherringtonKirkpatrick(18, seed: 3);
        var random = new Random(5);
        var model = sk.WithFields(Enumerable.Range(0, sk.Size).Select(_ => random.NextDouble() - 0.5).ToArray());
        const double beta = 0.8;
        var spins = new sbyte[model.Size];
        double z = 0, e = 0, e2 = 0, m3 = 0, c37 = 0;
        for (var state = 0; state < 1 << model.Size; state++)
        {
            for (var i = 0; i < model.Size; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
            var energy = model.Energy(spins);
            var w = Math.Exp(-beta * energy);
            z += w; e += w * energy; e2 += w * energy * energy; m3 += w * spins[3]; c37 += w * spins[3] * spins[7];
        }
        var result = ExactEnumeration.Solve(model, [beta], threads: 2)[0];
        Assert.Equal(Math.Log(z), result.LogPartition, 1e-10);
        Assert.Equal(e / z, result.MeanEnergy, 1e-9);
        Assert.Equal(e2 / z - e * e / (z * z), result.EnergyVariance, 1e-8);
        var moments = ExactEnumeration.Moments(model, beta, threads: 2);
        Assert.Equal(m3 / z, moments.Magnetizations[3], 1e-10);
        Assert.Equal(c37 / z, moments.Correlations[3, 7], 1e-10);
        Assert.Equal(c37 / z, moments.Correlations[7, 3], 1e-10);
    }

    [Fact]
    public void TooManySpinsIsRefusedWithTheCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExactEnumeration.LogPartition(IsingModel.SquareLattice(6, true), 1));
        Assert.Contains("36", error.Message);
    }
}
