using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Server.Load;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary><c>qecd bench stream --round-mode stream</c>: shots leave round by round to a server and every round is counted.</summary>
public sealed class BenchStreamRoundModeTests
{
    [Theory]
    [InlineData("Raw")]
    [InlineData("Grpc")]
    public void StreamRoundModeAgainstAServerCountsEveryRoundAndEarlyCorrection(string transport)
    {
        using var temp = new TempFolder();
        var model = StreamingModels.WithRounds(DetectorErrorModel.Load(TestPaths.Data("streaming/rep_mem_d05_r10000_p0.01.dem")), 12);
        string dem = temp.File("rep12.dem");
        File.WriteAllText(dem, model.ToString());
        int rounds = LoadSettings.RoundsOf(model, new Dictionary<string, string>()).NumRounds;
        var (code, output, error) = CliRunner.Run("bench", "stream", "--in-process", transport, "--dem", dem, "--round-mode", "stream",
            "--early-corrections", "--option", "window=4", "commit=2", "--shots", "30", "--warmup", "5", "--pool", "50", "--streams", "2", "--csv", temp.File("stream.csv"));
        Assert.True(code == 0, error);
        Assert.Contains($"stream round mode: {rounds} rounds/shot, one per message, early corrections", output);
        Assert.Contains($"stream: {2 * 30 * rounds} rounds sent for 60 shots; latency is from the last round sent; early corrections: ", output);
        Assert.Matches(@"\nstream\s+60\s", output);
        var csv = File.ReadAllLines(temp.File("stream.csv"));
        Assert.Equal(2, csv.Length);
        Assert.Equal("stream", csv[1].Split(',')[4]);
    }

    [Theory]
    [InlineData("the echo floor (--echo, --with-echo) is for whole shots", "--with-echo")]
    [InlineData("stream round mode sends one shot at a time", "--shots-per-message", "4")]
    public void StreamRoundModeRefusesWhatItCannotMeasure(string message, params string[] extra)
    {
        var (code, _, error) = CliRunner.Run(["bench", "stream", "--in-process", "Raw", "--round-mode", "stream", .. extra, "--shots", "10"]);
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void EarlyCorrectionsWithoutStreamRoundModeAreRefused()
    {
        var (code, _, error) = CliRunner.Run("bench", "stream", "--in-process", "Raw", "--early-corrections", "--shots", "10");
        Assert.NotEqual(0, code);
        Assert.Contains("early corrections come only in stream round mode", error);
    }

    /// <summary>
    /// <c>--rounds … --paced</c>: the same shots decoded with pushes paced at the round period give the same logical
    /// errors as back to back (pacing changes timing only), the report says so, and <c>--paced</c> without
    /// <c>--rounds</c> is refused.
    /// </summary>
    [Fact]
    public void PacedRoundsDecodeTheSameShotsAndNeedRounds()
    {
        using var temp = new TempFolder();
        string dem = TestPaths.Data("streaming/rep_mem_d05_r10000_p0.01.dem");
        string[] common = ["bench", "stream", "--dem", dem, "--rounds", "40", "--shots", "300", "--round-us", "3", "--option", "window=6", "commit=3",
            "--png", temp.File("backlog.png")];
        var (code, output, error) = CliRunner.Run([.. common]);
        Assert.True(code == 0, error);
        var (pacedCode, pacedOutput, pacedError) = CliRunner.Run([.. common, "--paced"]);
        Assert.True(pacedCode == 0, pacedError);
        Assert.Contains("(pushes paced)", pacedOutput);
        Assert.DoesNotContain("(pushes paced)", output);
        Assert.NotEqual("0", Errors(output)); // the comparison has something to compare
        Assert.Equal(Errors(output), Errors(pacedOutput));
        var (refused, _, refusal) = CliRunner.Run("bench", "stream", "--in-process", "Raw", "--paced", "--shots", "10");
        Assert.NotEqual(0, refused);
        Assert.Contains("--paced paces the rounds of --rounds", refusal);
    }

    // The errors column of the report's one row: | rounds | shots | W | C | events/round | errors | …
    private static string Errors(string report)
    {
        var row = report.Split('\n').Single(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| \d+ \| 300 \|"));
        return row.Split('|')[6].Trim();
    }
}
