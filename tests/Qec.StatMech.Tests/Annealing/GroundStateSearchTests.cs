using Qec.StatMech.Annealing;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Annealing;

public class GroundStateSearchTests
{
    private static void AssertGround(IsingModel model, GroundStateResult result)
    {
        var (exact, _) = ExactEnumeration.GroundState(model, threads: 2);
        Assert.Equal(exact, result.Energy, 1e-9);
        Assert.Equal(model.Energy(result.Spins), result.Energy, 1e-9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AnnealingFindsTheSkGroundStateAtN20(int seed)
    {
        var model = IsingModel.SherringtonKirkpatrick(20, seed);
        AssertGround(model, SimulatedAnnealing.Run(model, new AnnealOptions(Sweeps: 300, Restarts: 8, Seed: 3, Threads: 2)));
    }

    [Fact]
    public void LinearScheduleAlsoFindsIt()
    {
        var model = IsingModel.SherringtonKirkpatrick(20, 5);
        AssertGround(model, SimulatedAnnealing.Run(model, new AnnealOptions(BetaEnd: 4, Sweeps: 300, Schedule: AnnealSchedule.Linear, Restarts: 8, Seed: 4, Threads: 2)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TemperingFindsTheSkGroundStateAtN20(int seed)
    {
        var model = IsingModel.SherringtonKirkpatrick(20, seed);
        var result = ParallelTempering.Run(model, new TemperingOptions(Replicas: 12, Sweeps: 2000, Seed: 7, Threads: 1));
        AssertGround(model, result);
        Assert.All(result.SwapAcceptance, a => Assert.InRange(a, 0.05, 1));
    }

    /// <summary>Max-cut of a random graph: both heuristics reach enumeration's maximum cut.</summary>
    [Fact]
    public void MaxCutOfASmallGraph()
    {
        var model = MaxCut.RandomGraph(18, 4, seed: 6);
        var (exact, _) = ExactEnumeration.GroundState(model, threads: 2);
        var annealed = SimulatedAnnealing.Run(model, new AnnealOptions(Sweeps: 200, Restarts: 8, Seed: 1, Threads: 2));
        var tempered = ParallelTempering.Run(model, new TemperingOptions(Replicas: 10, Sweeps: 1000, Seed: 2, Threads: 1));
        Assert.Equal(exact, annealed.Energy, 1e-9);
        Assert.Equal(exact, tempered.Energy, 1e-9);
        var cut = MaxCut.CutValue(model, exact);
        Assert.Equal(Math.Round(cut), cut);
        // A cut is at least half the edges (a random assignment's mean), at most all of them.
        Assert.InRange(cut, model.Couplings.Length / 2.0, model.Couplings.Length);
    }

    [Fact]
    public void TemperingStopsAtTheTargetEnergy()
    {
        var model = IsingModel.SherringtonKirkpatrick(16, 2);
        var (exact, _) = ExactEnumeration.GroundState(model);
        var result = ParallelTempering.Run(model, new TemperingOptions(Replicas: 8, Sweeps: 1_000_000, Seed: 1, Threads: 1, TargetEnergy: exact));
        Assert.Equal(exact, result.Energy, 1e-9);
        Assert.True(result.Sweeps < 1_000_000);
    }

    [Fact]
    public void BadSettingsAreNamed()
    {
        var model = IsingModel.SherringtonKirkpatrick(4, 1);
        Assert.Equal("BetaStart", Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAnnealing.Run(model, new AnnealOptions(BetaStart: 0))).ParamName);
        Assert.Equal("Replicas", Assert.Throws<ArgumentOutOfRangeException>(() => ParallelTempering.Run(model, new TemperingOptions(Replicas: 1))).ParamName);
    }
}
