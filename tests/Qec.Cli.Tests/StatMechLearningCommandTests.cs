using System.Globalization;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>qecd statmech hopfield | inverse-ising | rbm | meanfield</c>: tiny runs whose printed numbers are checked against
/// enumeration or known limits, the seed named in the output, the PNG written, and bad input as one line.
/// </summary>
public sealed class StatMechLearningCommandTests
{
    private static string[] Row(string output, string first) =>
        output.Split('\n').First(l => l.StartsWith(first, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void MeanfieldPrintsTheEnumeratedFreeEnergyAndWritesAPlot()
    {
        using var folder = new TempFolder();
        var png = folder.File("mf.png");
        var (code, output, error) = CliRunner.Run("statmech", "meanfield", "--n", "8", "--betas", "0.3,1.5", "--seed", "4", "--plot", png);
        Assert.Equal(0, code);
        Assert.Equal($"wrote {png}\n", error);
        Assert.Contains("sk n=8 seed=4", output, StringComparison.Ordinal);
        var exact = ExactEnumeration.Solve(IsingModel.SherringtonKirkpatrick(8, 4), [0.3, 1.5]);
        Assert.Equal(exact[0].FreeEnergyPerSpin(8), Number(Row(output, "0.3 ")[1]), 1e-6);
        Assert.Equal(exact[1].FreeEnergyPerSpin(8), Number(Row(output, "1.5 ")[1]), 1e-6);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void InverseIsingReconstructsASmallSkModel()
    {
        var (code, output, error) = CliRunner.Run("statmech", "inverse-ising", "--n", "6", "--betas", "0.8", "--seed", "2", "--threads", "1");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("sk n=6 seed=2", output, StringComparison.Ordinal);
        var row = Row(output, "0.8 ");
        Assert.True(Number(row[5]) < 1e-6, $"PL {row[5]}");   // PL on the exact distribution is consistent
        Assert.True(Number(row[6]) < 1e-3, $"MM {row[6]}");   // moment matching with exact statistics
        Assert.True(Number(row[1]) > Number(row[6]));          // nMF is only approximate
    }

    [Fact]
    public void HopfieldRetrievesBelowCapacityAndNamesTheSeed()
    {
        var (code, output, error) = CliRunner.Run("statmech", "hopfield", "--n", "300", "--alphas", "0.05", "--trials", "2", "--seed", "9", "--threads", "1");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("seed 9", output, StringComparison.Ordinal);
        var row = Row(output, "0.05 ");
        Assert.Equal("15", row[1]);
        Assert.True(Number(row[2]) > 0.99);
        Assert.Equal(row[2], row[5]);      // both trials retrieved: their mean is the retrieved overlap
        Assert.Equal("0.99999", row[6]);  // RS theory at α = 0.05
    }

    [Fact]
    public void RbmTrainsAndReportsTheExactLikelihood()
    {
        var (code, output, error) = CliRunner.Run("statmech", "rbm", "--size", "2", "--hidden", "4", "--epochs", "300", "--batch", "2", "--lr", "0.1", "--seed", "5");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("seed 5", output, StringComparison.Ordinal);
        var start = Number(Row(output, "0 ")[1]);
        var final = Number(Row(output, "final:")[1]);
        Assert.Equal(-4 * Math.Log(2), start, 0.01);
        Assert.True(final > start && final <= -Math.Log(6), $"final {final}");
    }

    [Theory]
    [InlineData("inverse-ising --n 40", "qecd: --n 40: expected 2 ≤ n ≤ 20 (exact enumeration of 2^n states)\n")]
    [InlineData("inverse-ising --betas 0,1", "qecd: --betas: β = 0 is not positive; every β must be > 0 and finite\n")]
    [InlineData("meanfield --n 31", "qecd: --n 31: expected 2 ≤ n ≤ 30 (the exact column enumerates 2^n states)\n")]
    [InlineData("meanfield --betas -0.5", "qecd: --betas: β = -0.5 is not positive; every β must be > 0 and finite\n")]
    [InlineData("meanfield --betas 1,x", "qecd: --betas '1,x': 'x' is not a number\n")]
    [InlineData("hopfield --alphas 0.1:0.05:0.01", "qecd: --alphas '0.1:0.05:0.01': a range start:stop:step needs step > 0 and stop ≥ start\n")]
    [InlineData("hopfield --temperature -1", "qecd: --temperature -1: T must be ≥ 0 and finite\n")]
    [InlineData("rbm --size 9", "qecd: --size 9: expected 2 ≤ n ≤ 4 (the exact likelihood enumerates the smaller layer)\n")]
    public void Bad_input_is_one_clear_line(string args, string message)
    {
        var (code, output, error) = CliRunner.Run(["statmech", .. args.Split(' ')]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error);
    }
}
