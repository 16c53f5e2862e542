using Qec.StatMech.Models;
using Qec.StatMech.MonteCarlo;

namespace Qec.StatMech.Tests.MonteCarlo;

public class MonteCarloTests
{
    /// <summary>ORACLES.md: 6x6 periodic E/N and C/N (Krauth, table 5.3).</summary>
    public static TheoryData<double, double, double> Krauth6x6 => new()
    {
        { 1.0, -1.99716, 0.02338 },
        { 2.0, -1.74733, 0.68592 },
        { 2.5, -1.28008, 1.00623 },
        { 3.0, -0.88688, 0.55665 },
        { 4.0, -0.56615, 0.18704 },
    };

    private static readonly IsingModel Lattice6 = IsingModel.SquareLattice(6, periodic: true);

    private static void AssertWithinThreeErrors(MonteCarloResult result, double energy, double heat)
    {
        Assert.True(Math.Abs(result.EnergyPerSpin - energy) <= 3 * result.EnergyError,
            $"E/N {result.EnergyPerSpin} ± {result.EnergyError} vs {energy}");
        Assert.True(Math.Abs(result.SpecificHeatPerSpin - heat) <= 3 * result.SpecificHeatError,
            $"C/N {result.SpecificHeatPerSpin} ± {result.SpecificHeatError} vs {heat}");
        Assert.True(result.EnergyError < 0.01 && result.SpecificHeatError < 0.05, "errors too wide to test anything");
    }

    [Theory]
    [MemberData(nameof(Krauth6x6))]
    public void SquareLatticeKernelMatchesExact6x6(double temperature, double energy, double heat) =>
        AssertWithinThreeErrors(MonteCarloSimulation.RunSquareLattice(6, 1 / temperature,
            new MonteCarloOptions(Sweeps: 20_000, Thermalization: 500, Chains: 4, Seed: 11, Threads: 2)), energy, heat);

    [Theory]
    [MemberData(nameof(Krauth6x6))]
    public void WolffMatchesExact6x6(double temperature, double energy, double heat) =>
        AssertWithinThreeErrors(MonteCarloSimulation.Run(Lattice6, 1 / temperature,
            new MonteCarloOptions(UpdateMethod.Wolff, Sweeps: 10_000, Thermalization: 200, Chains: 4, Seed: 12, Threads: 2)), energy, heat);

    [Theory]
    [InlineData(UpdateMethod.Metropolis, 2.5, -1.28008, 1.00623)]
    [InlineData(UpdateMethod.Glauber, 2.5, -1.28008, 1.00623)]
    [InlineData(UpdateMethod.Glauber, 4.0, -0.56615, 0.18704)]
    [InlineData(UpdateMethod.Metropolis, 1.0, -1.99716, 0.02338)]
    public void GeneralLocalUpdatesMatchExact6x6(UpdateMethod method, double temperature, double energy, double heat) =>
        AssertWithinThreeErrors(MonteCarloSimulation.Run(Lattice6, 1 / temperature,
            new MonteCarloOptions(method, Sweeps: 10_000, Thermalization: 500, Chains: 4, Seed: 13, Threads: 2)), energy, heat);

    /// <summary>The fast kernel's carried energy and magnetization equal a recount, and flips happen at T = 2.5.</summary>
    [Fact]
    public void SquareLatticeKernelCarriesEnergyAndMagnetizationExactly()
    {
        var chain = new SquareLatticeMetropolis(5, 0.4, seed: 3);
        var model = IsingModel.SquareLattice(5, periodic: true);
        for (var t = 0; t < 50; t++)
        {
            chain.Sweep();
            Assert.Equal(model.Energy(chain.Spins), chain.Energy);
            var m = 0;
            foreach (var s in chain.Spins) m += s;
            Assert.Equal(m, chain.Magnetization);
        }
        Assert.True(chain.Flips > 0);
    }

    /// <summary>Wolff agrees with single-spin updates on a model that is not a lattice (random ferromagnetic graph with
    /// unequal couplings) — and both with exact enumeration.</summary>
    [Fact]
    public void WolffAndMetropolisAgreeWithEnumerationOnAnIrregularFerromagnet()
    {
        var random = new Random(4);
        var couplings = IsingModel.RandomGraph(14, 3, seed: 2).Couplings.ToArray()
            .Select(c => c with { Strength = 0.5 + random.NextDouble() }).ToArray();
        var model = new IsingModel(14, couplings);
        const double beta = 0.6;
        var exact = Qec.StatMech.Exact.ExactEnumeration.Solve(model, [beta])[0];
        foreach (var method in new[] { UpdateMethod.Wolff, UpdateMethod.Metropolis })
        {
            var result = MonteCarloSimulation.Run(model, beta, new MonteCarloOptions(method, Sweeps: 10_000, Chains: 2, Seed: 5, Threads: 2));
            Assert.True(Math.Abs(result.EnergyPerSpin - exact.MeanEnergy / 14) <= 3 * result.EnergyError, $"{method}: {result.EnergyPerSpin} ± {result.EnergyError}");
            Assert.True(Math.Abs(result.SpecificHeatPerSpin - exact.SpecificHeat / 14) <= 3 * result.SpecificHeatError, $"{method} C");
        }
    }

    [Fact]
    public void WolffRefusesAntiferromagnetsAndFields()
    {
        var anti = new IsingModel(3, [new Coupling(0, 1, 1), new Coupling(1, 2, -0.5)], name: "frustrated");
        var error = Assert.Throws<ArgumentException>(() => MonteCarloSimulation.Run(anti, 1, new MonteCarloOptions(UpdateMethod.Wolff)));
        Assert.StartsWith("Wolff cluster updates need ferromagnetic couplings (J ≥ 0); frustrated has J_1,2 = -0.5", error.Message, StringComparison.Ordinal);
        var field = IsingModel.SquareLattice(3, true).WithFields(new double[9] { 0, 0, 0, 0, 0.1, 0, 0, 0, 0 });
        Assert.Throws<ArgumentException>(() => MonteCarloSimulation.Run(field, 1, new MonteCarloOptions(UpdateMethod.Wolff)));
    }

    /// <summary>AR(1) x_t = φ x_{t−1} + ε_t has ρ(t) = φ^t, so τ_int = ½ + φ/(1 − φ) = (1 + φ)/(2(1 − φ)).</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void IntegratedTimeOfAnAutoregressiveSeries(double phi)
    {
        var random = new Random(9);
        var x = new double[200_000];
        for (var t = 1; t < x.Length; t++) x[t] = phi * x[t - 1] + (random.NextDouble() - 0.5);
        var expected = (1 + phi) / (2 * (1 - phi));
        Assert.Equal(expected, Autocorrelation.IntegratedTime(x).Tau, expected * 0.05);
    }

    /// <summary>Independent samples: the jackknife variance error matches the textbook σ²√(2/S) for Gaussian data.</summary>
    [Fact]
    public void VarianceJackknifeOfIndependentGaussians()
    {
        var random = new Random(3);
        var x = new double[100_000];
        for (var t = 0; t < x.Length; t++) x[t] = Models.GaussianFor(random);
        var (variance, error) = Autocorrelation.VarianceJackknife([x], 50);
        Assert.Equal(1, variance, 0.02);
        Assert.Equal(Math.Sqrt(2.0 / x.Length), error, 0.3 * Math.Sqrt(2.0 / x.Length));
    }

    private static class Models
    {
        public static double GaussianFor(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
