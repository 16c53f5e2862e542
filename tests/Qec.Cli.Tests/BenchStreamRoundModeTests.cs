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
}
