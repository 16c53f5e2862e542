using Qec.Cli.StreamBench;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary><c>qecd bench stream --rounds</c>: the backlog arithmetic, the report and its bad arguments.</summary>
public sealed class BenchStreamRoundsTests
{
    [Fact]
    public void BacklogFollowsTheQueueByHand()
    {
        // A round every 1 µs; round 1 takes 3 µs, so rounds 2..4 wait; commits after rounds 2 and 4.
        var backlog = new BacklogSeries(5, 1.0);
        double[] push = [0.5, 3.0, 0.2, 0.2, 0.2];
        int[] committed = [0, 0, 2, 2, 5];
        backlog.BeginShot(5);
        for (int r = 0; r < 5; r++)
        {
            backlog.Add(r, push[r], committed[r]);
        }
        // Pushes end at 0.5, 4.0, 4.2, 4.4, 4.6 µs; by 4.0 all 5 rounds have arrived.
        Assert.Equal([0.0, 3.0, 2.0, 1.0, 0.0], backlog.QueuedMax);
        Assert.Equal([1.0, 5.0, 3.0, 3.0, 0.0], backlog.UncommittedMax);
        Assert.Equal(3.0, backlog.MaxQueued);
        Assert.Equal(5.0, backlog.MaxUncommitted);
    }

    [Fact]
    public void ReportsOneRowPerLengthWithTheWholeShotLogicalErrors()
    {
        using var temp = new TempFolder();
        // The repetition code at p = 1%: a few logical errors in 40 shots of 400 rounds, so the count means something.
        string dem = TestPaths.Data("streaming/rep_mem_d05_r10000_p0.01.dem");
        var (code, output, error) = CliRunner.Run("bench", "stream", "--dem", dem, "--rounds", "12", "400", "--shots", "40", "--seed", "2",
            "--option", "window=8", "commit=4", "--csv", temp.File("rounds.csv"), "--png", temp.File("backlog.png"));
        Assert.True(code == 0, error);
        var rows = output.Split('\n').Where(l => l.StartsWith("| 12 |", StringComparison.Ordinal) || l.StartsWith("| 400 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            int rounds = int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("40", cells[2]);
            Assert.Equal("8", cells[3]);
            Assert.Equal("4", cells[4]);
            // Oracle: the same 40 shots (the seed's first ones) decoded whole-shot by mwpm on the flattened model.
            var model = StreamingModels.WithRounds(Qec.Core.Dem.DetectorErrorModel.Load(dem), rounds);
            var sampler = new RepeatBlockSampler(model, 2);
            var decoder = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
            var shot = new byte[sampler.DetectorBytes];
            var prediction = new byte[1];
            int errors = 0;
            for (int s = 0; s < 40; s++)
            {
                ulong truth = sampler.Sample(shot);
                decoder.Decode(shot, prediction);
                errors += (prediction[0] ^ (int)truth) & 1;
            }
            Assert.Equal(errors.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[6]);
            Assert.True(rounds == 12 || errors > 0, "the 400-round case should see logical errors");
        }
        Assert.Equal(3, File.ReadAllLines(temp.File("rounds.csv")).Length);
        var png = File.ReadAllBytes(temp.File("backlog.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData("--rounds 0", "--rounds must be at least 1")]
    [InlineData("--rounds 10 --raw 127.0.0.1:1", "leave out --grpc")]
    [InlineData("--rounds 10 --shots 0", "--shots must be at least 1")]
    [InlineData("--rounds 10 --round-us 0", "--round-us must be positive")]
    [InlineData("--rounds 10 --option window=3 --option commit=5", "commit=5")]
    public void BadArgumentsGetOneClearLine(string args, string expected)
    {
        var (code, _, error) = CliRunner.Run(["bench", "stream", .. args.Split(' ')]);
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
