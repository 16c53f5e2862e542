using System.Globalization;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>qecd statmech van</c>: a tiny SK run at a fixed seed whose exact column is enumeration and whose VAN column lies
/// just above it (the variational bound), the lattice's exact column from Kaufman's formula, the PNG, and bad input.
/// </summary>
public sealed class StatMechVanCommandTests
{
    private static string[] Row(string output, string first) =>
        output.Split('\n').First(l => l.StartsWith(first, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void TinySkRunSitsJustAboveEnumerationAndWritesAPlot()
    {
        using var folder = new TempFolder();
        var png = folder.File("van.png");
        var (code, output, error) = CliRunner.Run("statmech", "van", "--model", "sk", "--n", "6", "--beta", "0.5,1.5", "--epochs", "400", "--lr", "0.03",
            "--batch", "200", "--hidden", "12", "--seed", "3", "--threads", "2", "--out", png);
        Assert.Equal($"wrote {png}\n", error);
        Assert.Equal(0, code);
        Assert.Contains("sk n=6 seed=3", output, StringComparison.Ordinal);
        Assert.Contains("seed 3", output, StringComparison.Ordinal);
        var exact = ExactEnumeration.Solve(IsingModel.SherringtonKirkpatrick(6, 3), [0.5, 1.5]);
        foreach (var (beta, index) in new[] { ("0.5 ", 0), ("1.5 ", 1) })
        {
            var row = Row(output, beta);
            var f = exact[index].FreeEnergyPerSpin(6);
            Assert.Equal(f, Number(row[5]), 1e-6);
            double van = Number(row[1]), stderr = Number(row[2]);
            Assert.True(van > f - 4 * stderr, $"β {beta}: VAN {van} ± {stderr} below exact {f}");
            Assert.True((van - f) / Math.Abs(f) < 0.01, $"β {beta}: VAN {van} against exact {f}");
            Assert.Equal((van - f) / Math.Abs(f), Number(row[9]), 0.06 * Math.Abs(Number(row[9])) + 1e-12);
            // The reweighted columns: estimate, its standard error, its relative error, the effective sample fraction.
            double reweighted = Number(row[10]), reweightedError = Number(row[11]);
            Assert.True(Math.Abs(reweighted - f) < 4 * reweightedError + 1e-6, $"β {beta}: reweighted {reweighted} ± {reweightedError} against exact {f}");
            Assert.Equal((reweighted - f) / Math.Abs(f), Number(row[12]), 0.06 * Math.Abs(Number(row[12])) + 1e-6);
            Assert.InRange(Number(row[13]), 0.0, 1.0);
        }
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Fact]
    public void LatticeExactColumnIsKaufman()
    {
        var (code, output, error) = CliRunner.Run("statmech", "van", "--model", "ising", "--lattice", "3", "--beta", "0.4", "--epochs", "5",
            "--batch", "50", "--hidden", "9", "--threads", "1");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("Kaufman", output, StringComparison.Ordinal);
        Assert.Equal(Kaufman.FreeEnergyPerSite(3, 0.4), Number(Row(output, "0.4 ")[5]), 1e-6);
    }

    /// <summary>A warm-started PixelCNN along two β of a 3×3 torus runs and reports Kaufman's column.</summary>
    [Fact]
    public void WarmStartedPixelCnnRuns()
    {
        var (code, output, error) = CliRunner.Run("statmech", "van", "--model", "ising", "--lattice", "3", "--beta", "0.6,0.3", "--epochs", "20",
            "--batch", "50", "--network", "pixelcnn", "--z2", "symmetrize", "--hidden", "4", "--warm-start", "--fold", "--threads", "1");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("PixelCNN", output, StringComparison.Ordinal);
        Assert.Contains("warm-started", output, StringComparison.Ordinal);
        Assert.Contains("folded", output, StringComparison.Ordinal);
        Assert.Equal(Kaufman.FreeEnergyPerSite(3, 0.3), Number(Row(output, "0.3 ")[5]), 1e-6);
        Assert.True(output.IndexOf("\n0.3 ", StringComparison.Ordinal) < output.IndexOf("\n0.6 ", StringComparison.Ordinal), "β sorted ascending");
    }

    [Fact]
    public void LargeNSkipsTheExactColumnAndSaysSo()
    {
        var (code, output, _) = CliRunner.Run("statmech", "van", "--model", "hopfield", "--n", "27", "--beta", "0.5", "--epochs", "1",
            "--batch", "2", "--layers", "0", "--threads", "1");
        Assert.Equal(0, code);
        Assert.Contains("exact column skipped: n = 27 > 26", output, StringComparison.Ordinal);
        Assert.Equal("-", Row(output, "0.5 ")[5]);
    }

    [Theory]
    [InlineData("--beta 0,1", "qecd: --beta: β = 0 is not positive; every β must be > 0 and finite\n")]
    [InlineData("--beta -0.5", "qecd: --beta: β = -0.5 is not positive; every β must be > 0 and finite\n")]
    [InlineData("--beta 1,x", "qecd: --beta '1,x': 'x' is not a number\n")]
    [InlineData("--model potts", "qecd: --model 'potts': expected sk, ising or hopfield\n")]
    [InlineData("--n 1", "qecd: --n 1: expected 2 ≤ n ≤ 4096 (the network has n² weights per layer)\n")]
    [InlineData("--model ising --lattice 1", "qecd: --lattice 1: expected 2 ≤ L ≤ 64\n")]
    [InlineData("--batch 1", "qecd: --batch 1: at least 2 samples are needed (the baseline is their mean)\n")]
    [InlineData("--lr 0", "qecd: --lr 0: expected a positive learning rate\n")]
    [InlineData("--layers -1", "qecd: --layers -1: expected ≥ 0\n")]
    [InlineData("--fold", "qecd: --fold needs --model ising\n")]
    [InlineData("--z2 half", "qecd: --z2 'half': expected pin, symmetrize or none\n")]
    [InlineData("--network rnn", "qecd: --network 'rnn': expected made or pixelcnn\n")]
    [InlineData("--network pixelcnn", "qecd: --network pixelcnn needs --model ising (a 2D lattice)\n")]
    [InlineData("--model ising --network pixelcnn", "qecd: --z2 pin needs --network made; use --z2 symmetrize with pixelcnn\n")]
    public void BadInputIsOneLine(string arguments, string expected)
    {
        var (code, output, error) = CliRunner.Run(["statmech", "van", .. arguments.Split(' ')]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(expected, error);
    }
}
