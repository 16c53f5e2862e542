using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Exact;

public class GroundStateTests
{
    /// <summary>The minimum of the density of states, and the returned state really has that energy.</summary>
    [Theory]
    [InlineData(12, 1)]
    [InlineData(18, 7)]
    public void GroundStateIsTheLowestEnergyOfTheDensityOfStates(int n, int seed)
    {
        var model = IsingModel.SherringtonKirkpatrick(n, seed);
        var (energy, state) = ExactEnumeration.GroundState(model, threads: 2);
        Assert.Equal(ExactEnumeration.DensityOfStates(model).Keys.First(), energy, 1e-9);
        var spins = new sbyte[n];
        for (var i = 0; i < n; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
        Assert.Equal(energy, model.Energy(spins), 1e-9);
    }

    /// <summary>The dense (vector) kernel at a β list with both signs against the plain sum over states.</summary>
    [Fact]
    public void DenseKernelMatchesPlainSumAtSeveralBetas()
    {
        var model = IsingModel.SherringtonKirkpatrick(13, seed: 11);
        double[] betas = [-0.7, 0.2, 3.0];
        var result = ExactEnumeration.Solve(model, betas, threads: 2);
        var spins = new sbyte[model.Size];
        for (var b = 0; b < betas.Length; b++)
        {
            double z = 0, e = 0;
            for (var state = 0; state < 1 << model.Size; state++)
            {
                for (var i = 0; i < model.Size; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
                var energy = model.Energy(spins);
                var w = Math.Exp(-betas[b] * energy);
                z += w;
                e += w * energy;
            }
            Assert.Equal(Math.Log(z), result[b].LogPartition, 1e-10);
            Assert.Equal(e / z, result[b].MeanEnergy, 1e-9);
        }
    }
}
