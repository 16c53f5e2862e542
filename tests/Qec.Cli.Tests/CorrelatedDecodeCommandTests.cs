using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary><c>qecd decode --decoder mwpm --option correlations=true</c> (issue 14): PyMatching 2.3's correlated predictions.</summary>
public sealed class CorrelatedDecodeCommandTests
{
    private static readonly string Case = TestPaths.Data("matching/sc_rmz_d03_r03_p0.003");

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void CorrelationsOptionWritesPyMatchingsCorrelatedPredictions(string threads)
    {
        using var temp = new TempFolder();
        var (code, output, error) = CliRunner.Run("decode", "--dem", Case + ".dem", "--in", Case + ".dets.b8",
            "--decoder", "mwpm", "--option", "correlations=true", "--out", temp.File("pred.01"),
            "--obs-in", Case + ".obs.01", "--threads", threads);
        Assert.True(code == 0, error);
        Assert.Contains("shots: 2000\n", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(Case + ".corr_pred.01"), File.ReadAllLines(temp.File("pred.01")));
    }

    [Fact]
    public void ABadCorrelationsValueIsNamed()
    {
        var (code, _, error) = CliRunner.Run("decode", "--dem", Case + ".dem", "--in", Case + ".dets.b8",
            "--decoder", "mwpm", "--option", "correlations=perhaps");
        Assert.Equal(1, code);
        Assert.Contains("correlations=perhaps", error, StringComparison.Ordinal);
    }
}
