using Qec.Cli.Compare;
using Qec.Core.Codes;
using Qec.Core.Generators;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests.Compare;

/// <summary>compare, combine, plot and bench decoders through the command line.</summary>
public sealed class CompareCliTests
{
    private const string Spec = "repetition:phenomenological:d=3,5:p=0.05,0.1";

    /// <summary>Runs compare on <see cref="Spec"/>; <paramref name="extra"/> adds options or replaces the defaults.</summary>
    private static (int Code, string Output, string Error) Compare(string output, params string[] extra)
    {
        var options = new Dictionary<string, string> { ["--gen"] = Spec, ["--decoders"] = "mwpm", ["--max-shots"] = "3000", ["--threads"] = "2", ["--out"] = output };
        for (int i = 0; i + 1 < extra.Length; i += 2)
        {
            options[extra[i]] = extra[i + 1];
        }
        return CliRunner.Run(["compare", .. options.SelectMany(o => new[] { o.Key, o.Value })]);
    }

    [Fact]
    public void CompareWritesSinterRowsAndARerunAddsNothing()
    {
        using var temp = new TempFolder();
        var (code, output, error) = Compare(temp.File("s.csv"));
        Assert.True(code == 0, error);
        Assert.Contains("done: 4 tasks", output, StringComparison.Ordinal);
        Assert.Equal(4, error.Split('\n').Count(l => l.Contains("(shot budget reached)", StringComparison.Ordinal)));
        string first = File.ReadAllText(temp.File("s.csv"));
        Assert.StartsWith(SinterCsv.Header + "\n", first, StringComparison.Ordinal);
        var totals = SweepHarness.Totals(temp.File("s.csv"));
        Assert.Equal(4, totals.Count);
        Assert.All(totals.Values, t => Assert.Equal(3000, t.Shots));

        (code, _, error) = Compare(temp.File("s.csv"));
        Assert.True(code == 0, error);
        Assert.Equal(first, File.ReadAllText(temp.File("s.csv")));
    }

    [Fact]
    public void CombiningThreeShardFilesEqualsOneRun()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Compare(temp.File("whole.csv")).Code);
        for (int i = 0; i < 3; i++)
        {
            var (code, _, error) = Compare(temp.File($"s{i}.csv"), "--shard", $"{i}/3");
            Assert.True(code == 0, error);
        }
        var (combineCode, _, combineError) = CliRunner.Run("combine", temp.File("s0.csv"), temp.File("s1.csv"), temp.File("s2.csv"), "--out", temp.File("all.csv"));
        Assert.True(combineCode == 0, combineError);
        var combined = SinterCsv.ReadFile(temp.File("all.csv"));
        Assert.Equal(4, combined.Count); // one row per task
        Assert.Equal(SweepHarness.Totals(temp.File("whole.csv")), SweepHarness.Totals(temp.File("all.csv")));
        var whole = StatsCombiner.Combine(SinterCsv.ReadFile(temp.File("whole.csv"))).ToDictionary(r => r.StrongId);
        Assert.All(combined, r => Assert.Equal(whole[r.StrongId].Metadata, r.Metadata));
    }

    [Fact]
    public void CombineToStandardOutputAndConflictingRowsAreNamed()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Compare(temp.File("a.csv")).Code);
        var (code, output, _) = CliRunner.Run("combine", temp.File("a.csv"), temp.File("a.csv"));
        Assert.Equal(0, code);
        var doubled = SinterCsv.Parse(output, "stdout", null, out _);
        Assert.All(doubled, r => Assert.Equal(6000, r.Shots));

        var row = SinterCsv.ReadFile(temp.File("a.csv"))[0];
        File.WriteAllText(temp.File("bad.csv"), SinterCsv.Header + "\n" + SinterCsv.FormatRow(row with { Decoder = "uf" }) + "\n");
        (code, _, string error) = CliRunner.Run("combine", temp.File("a.csv"), temp.File("bad.csv"));
        Assert.Equal(1, code);
        Assert.Contains($"strong_id {row.StrongId} appears with different decoder", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shot")]
    [InlineData("round")]
    [InlineData("time")]
    public void PlotWritesAPng(string y)
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Compare(temp.File("s.csv")).Code);
        var (code, _, error) = CliRunner.Run("plot", temp.File("s.csv"), "--x", y == "time" ? "d" : "p", "--group", y == "time" ? "decoder,p" : "decoder,d",
            "--y", y, "--out", temp.File("p.png"));
        Assert.True(code == 0, error);
        byte[] png = File.ReadAllBytes(temp.File("p.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        Assert.Contains("2 lines", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotNamesAMissingKey()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, Compare(temp.File("s.csv")).Code);
        var (code, _, error) = CliRunner.Run("plot", temp.File("s.csv"), "--x", "temperature", "--out", temp.File("p.png"));
        Assert.Equal(1, code);
        Assert.Contains("has no 'temperature' (keys: decoder, d, family, noise, p, rounds)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareReadsDemFilesAndTheirNames()
    {
        string dem = TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dem");
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("compare", "--dems", Path.Combine(Path.GetDirectoryName(dem)!, "sc_rmz_d03_*.dem"),
            "--max-shots", "1000", "--threads", "1", "--out", temp.File("s.csv"));
        Assert.True(code == 0, error);
        var row = SinterCsv.ReadFile(temp.File("s.csv")).Single();
        Assert.Equal("{\"d\":3,\"family\":\"surface\",\"name\":\"sc_rmz_d03_r03_p0.003\",\"noise\":\"circuit\",\"p\":0.003,\"rounds\":3}", row.Metadata.ToJson());
    }

    [Theory]
    [InlineData(new[] { "--decoders", "nope" }, "qecd: unknown decoder 'nope': known decoders are ")]
    [InlineData(new[] { "--max-shots", "0" }, "qecd: --max-shots must be at least 1, found 0")]
    [InlineData(new[] { "--shard", "3/3" }, "qecd: --shard '3/3': need 0 <= i < N")]
    [InlineData(new[] { "--threads", "0" }, "qecd: --threads must be at least 1, found 0")]
    public void BadOptionsGiveOneLine(string[] extra, string expected)
    {
        using var temp = new TempFolder();
        var (code, _, error) = Compare(temp.File("s.csv"), extra);
        Assert.Equal(1, code);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Equal(1, error.Count(c => c == '\n'));
    }

    /// <summary>
    /// Decoder options reach the BP factory through <c>--decoders</c>: bposd on ILGPU's CPU accelerator
    /// counts exactly the shots and errors of plain bposd (device is not part of the task, so the
    /// batches and their seeds are the same), a real option makes another task, and a bad one is named.
    /// </summary>
    [Fact]
    public void CompareHandsDecoderOptionsToTheFactory()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bb72.dem"), CodeGenerators.BivariateBicycle(
            BivariateBicycleCode.Create(6, 6, "x3+y+y2", "y3+x+x2"), 1, NoiseModel.CodeCapacity, 0.06).ToString());
        (int, string, string) Run(string decoders, string csv) => CliRunner.Run(
            "compare", "--dems", temp.File("bb72.dem"), "--decoders", decoders, "--max-shots", "96", "--threads", "1", "--out", temp.File(csv));

        var (code, _, error) = Run("bposd", "plain.csv");
        Assert.True(code == 0, error);
        (code, _, error) = Run("bposd:device=ilgpu-cpu", "device.csv");
        Assert.True(code == 0, error);
        var plain = Assert.Single(SinterCsv.ReadFile(temp.File("plain.csv")));
        var device = Assert.Single(SinterCsv.ReadFile(temp.File("device.csv")));
        Assert.Equal((96L, "bposd", plain.StrongId), (device.Shots, device.Decoder, device.StrongId));
        Assert.Equal(plain.Errors, device.Errors);
        Assert.True(plain.Errors > 0, "p = 6% should give some logical errors in 96 shots");

        (code, _, error) = Run("bposd:osd_method=osd0:max_iter=2", "osd0.csv");
        Assert.True(code == 0, error);
        var osd0 = Assert.Single(SinterCsv.ReadFile(temp.File("osd0.csv")));
        Assert.Equal("bposd:max_iter=2:osd_method=osd0", osd0.Decoder);
        Assert.NotEqual(plain.StrongId, osd0.StrongId);

        (code, _, error) = Run("bposd:foo=1", "bad.csv");
        Assert.Equal(1, code);
        Assert.Contains("decoder 'bposd:foo=1' cannot decode this model: bposd: unknown decoder option 'foo'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchDecodersTakesDecoderOptions()
    {
        var (code, output, error) = CliRunner.Run("bench", "decoders", "--decoders", "bposd:device=ilgpu-cpu:osd_order=0",
            "--gen", "repetition:code-capacity:d=5:p=0.05", "--shots", "64", "--repeats", "1", "--threads", "2");
        Assert.True(code == 0, error);
        Assert.Contains("| bposd:device=ilgpu-cpu:osd_order=0 | repetition code-capacity d=5 p=0.05 r=1 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchDecodersPrintsATableAndACsv()
    {
        using var temp = new TempFolder();
        var (code, output, error) = CliRunner.Run("bench", "decoders", "--decoders", "mwpm", "--gen", "surface:phenomenological:d=3,5:p=0.01",
            "--shots", "200", "--repeats", "1", "--threads", "2", "--out", temp.File("b.csv"));
        Assert.True(code == 0, error);
        Assert.Contains("| mwpm | surface phenomenological d=3 p=0.01 r=3 |", output, StringComparison.Ordinal);
        var csv = File.ReadAllLines(temp.File("b.csv"));
        Assert.Equal(3, csv.Length);
        Assert.Equal(Qec.Cli.Compare.DecoderBench.CsvHeader, csv[0]);
        Assert.StartsWith("mwpm,surface phenomenological d=5 p=0.01 r=5,5,5,0.01,", csv[2], StringComparison.Ordinal);
    }
}
