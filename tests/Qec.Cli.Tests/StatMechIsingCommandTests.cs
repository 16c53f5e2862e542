using System.Globalization;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>qecd statmech ising | sk | trg | anneal</c>: tiny runs checked against ORACLES.md and enumeration, the seed named,
/// the PNG written, and bad input as one line.
/// </summary>
public sealed class StatMechIsingCommandTests
{
    private static string[] Row(string output, string first) =>
        output.Split('\n').First(l => l.StartsWith(first, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void IsingEnumerationPrintsTheOracleAndWritesAPlot()
    {
        using var folder = new TempFolder();
        var png = folder.File("ising.png");
        var (code, output, error) = CliRunner.Run("statmech", "ising", "--lattice", "4", "--periodic", "--beta", "0.44,1", "--threads", "1", "--plot", png);
        Assert.Equal(0, code);
        Assert.Equal($"wrote {png}\n", error);
        Assert.Equal(15.504726538718 / 16, Number(Row(output, "0.44 ")[2]), 1e-9);   // ORACLES.md 4x4 ln Z
        Assert.Equal(32.698721401879 / 16, Number(Row(output, "1 ")[2]), 1e-9);
        Assert.Equal(Number(Row(output, "0.44 ")[2]), Number(Row(output, "0.44 ")[7]), 1e-9);   // Kaufman's finite torus
        Assert.Equal(0.928728540457, Number(Row(output, "0.44 ")[8]), 1e-9);                   // Onsager, L = ∞
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void IsingMonteCarloAgreesWithItsExactColumnAndNamesTheSeed()
    {
        var (code, output, error) = CliRunner.Run("statmech", "ising", "--lattice", "4", "--periodic", "--beta", "0.4", "--method", "wolff",
            "--sweeps", "4000", "--chains", "2", "--seed", "7", "--threads", "2");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("seed 7", output, StringComparison.Ordinal);
        var row = Row(output, "0.4 ");
        Assert.True(Math.Abs(Number(row[2]) - Number(row[10])) <= 4 * Number(row[3]), string.Join(' ', row));
    }

    [Fact]
    public void SkPrintsTheEnumeratedInstanceAndTheDisorderAverage()
    {
        var (code, output, error) = CliRunner.Run("statmech", "sk", "--n", "8", "--beta", "1", "--seed", "3", "--samples", "400", "--threads", "2");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("sk n=8 seed=3", output, StringComparison.Ordinal);
        var exact = ExactEnumeration.Solve(IsingModel.SherringtonKirkpatrick(8, 3), [1.0])[0];
        Assert.Equal(exact.LogPartition / 8, Number(Row(output, "1 ")[1]), 1e-7);
        var average = output.Split('\n').Last(l => l.StartsWith("1 ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Math.Log(2) + 7.0 / 32, Number(average[3]), 1e-6);      // the annealed identity column
        Assert.True(Math.Abs(Number(average[4])) < 4, $"pull {average[4]}");
    }

    [Fact]
    public void TrgPrintsOnsagerAwayFromCriticality()
    {
        var (code, output, error) = CliRunner.Run("statmech", "trg", "--beta", "1", "--chi", "8", "--steps", "24");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(2.000348283701, Number(Row(output, "1 ")[1]), 1e-5);   // ORACLES.md Onsager β = 1
        Assert.Equal(2.000348283701, Number(Row(output, "1 ")[3]), 1e-9);   // the Onsager column
    }

    [Fact]
    public void AnnealFindsTheMaxCutAndNamesTheSeed()
    {
        using var folder = new TempFolder();
        var png = folder.File("pt.png");
        var (code, output, error) = CliRunner.Run("statmech", "anneal", "--model", "maxcut", "--n", "14", "--degree", "3", "--method", "pt",
            "--replicas", "8", "--sweeps", "500", "--seed", "4", "--threads", "1", "--plot", png);
        Assert.Equal($"wrote {png}\n", error);
        Assert.Equal(0, code);
        Assert.Contains("seed 4", output, StringComparison.Ordinal);
        Assert.Contains("found", output, StringComparison.Ordinal);
        Assert.Contains("cut = ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnnealReadsACouplingFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("triangle.txt");
        File.WriteAllText(path, "# frustrated triangle\n0 1 -1\n1 2 -1\n0 2 -1\n");
        var (code, output, error) = CliRunner.Run("statmech", "anneal", "--model", "file", "--file", path, "--sweeps", "50", "--restarts", "2", "--threads", "1");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("best energy E = -1.000000000", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ising --lattice 6", "qecd: --lattice 6: enumeration takes at most 30 spins (2^30 states); square 6x6 open has 36\n")]
    [InlineData("ising --beta 0,1", "qecd: --beta: β = 0 is not positive; every β must be > 0 and finite\n")]
    [InlineData("ising --method heatbath", "qecd: --method 'heatbath': expected enum, metropolis, glauber or wolff\n")]
    [InlineData("sk --n 31", "qecd: --n 31: expected 2 ≤ n ≤ 30 (enumeration of 2^n states)\n")]
    [InlineData("sk --beta -1", "qecd: --beta: β = -1 is not positive; every β must be > 0 and finite\n")]
    [InlineData("trg --chi 1", "qecd: --chi 1: expected 2 ≤ value ≤ 64 (a step costs ~χ^6)\n")]
    [InlineData("trg --beta 0.5,x", "qecd: --beta '0.5,x': 'x' is not a number\n")]
    [InlineData("anneal --model glass", "qecd: --model 'glass': expected sk, maxcut or file\n")]
    [InlineData("anneal --model file", "qecd: --model file needs --file FILE\n")]
    [InlineData("anneal --beta-min 0", "qecd: --beta-min 0: β must be > 0 and finite\n")]
    public void Bad_input_is_one_clear_line(string args, string message)
    {
        var (code, output, error) = CliRunner.Run(["statmech", .. args.Split(' ')]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_bad_coupling_file_names_file_and_line()
    {
        using var folder = new TempFolder();
        var path = folder.File("bad.txt");
        File.WriteAllText(path, "n 3\n0 1 1\n0 7 1\n");
        var (code, _, error) = CliRunner.Run("statmech", "ising", "--couplings", path);
        Assert.Equal(1, code);
        Assert.Equal($"qecd: {path}:3: spin index 7 is outside 0..2 (header n 3)\n", error);
        File.WriteAllText(path, "");
        Assert.Equal($"qecd: {path}: no couplings, fields or 'n' header (empty file)\n", CliRunner.Run("statmech", "anneal", "--model", "file", "--file", path).Error);
    }
}
