using System.Globalization;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

public sealed class DecodeCommandTests
{
    private static readonly string Case = TestPaths.Data("matching/sc_rmz_d03_r03_p0.003");

    /// <summary>PyMatching's logical errors on the committed shots: its predictions against the true flips.</summary>
    private static int PyMatchingLogicalErrors()
    {
        var predicted = File.ReadLines(Case + ".pm_weights.txt").Select(l => l.Split(' ')[0]).ToArray();
        var truth = File.ReadLines(Case + ".obs.01").ToArray();
        return predicted.Zip(truth).Count(pair => int.Parse(pair.First, CultureInfo.InvariantCulture) != int.Parse(pair.Second, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MwpmCountsTheSameLogicalErrorsAsPyMatching(int threads)
    {
        using var temp = new TempFolder();
        var (code, output, error) = CliRunner.Run("decode", "--dem", Case + ".dem", "--in", Case + ".dets.b8", "--in-format", "b8",
            "--decoder", "mwpm", "--out", temp.File("pred.01"), "--obs-in", Case + ".obs.01", "--obs-in-format", "01",
            "--threads", threads.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        Assert.Contains("shots: 2000\n", output, StringComparison.Ordinal);
        Assert.Contains($"logical errors: {PyMatchingLogicalErrors()}\n", output, StringComparison.Ordinal);
        Assert.Equal(2000, File.ReadAllLines(temp.File("pred.01")).Length);
    }

    [Fact]
    public void AnUnknownDecoderListsTheKnownOnes()
    {
        var (code, _, error) = CliRunner.Run("decode", "--dem", Case + ".dem", "--in", Case + ".dets.b8", "--decoder", "nope");
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: unknown decoder 'nope': known decoders are ", error, StringComparison.Ordinal);
        Assert.Contains("mwpm", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedShotFileIsNamed()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("short.b8"), File.ReadAllBytes(Case + ".dets.b8")[..7]);
        var (code, _, error) = CliRunner.Run("decode", "--dem", Case + ".dem", "--in", temp.File("short.b8"));
        Assert.Equal(1, code);
        Assert.Contains("short.b8", error, StringComparison.Ordinal);
        Assert.Contains("shot 2", error, StringComparison.Ordinal);
    }
}
