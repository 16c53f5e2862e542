using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

public sealed class SinterCsvTests
{
    private static readonly TaskMetadata Meta = TaskMetadata.Empty
        .With("d", 5).With("p", 0.01).With("family", "surface").With("noise", "phenomenological").With("rounds", 5);

    [Fact]
    public void TheHeaderIsSintersByteForByte() =>
        Assert.Equal("     shots,    errors,  discards, seconds,decoder,strong_id,json_metadata", SinterCsv.Header);

    [Theory]
    [InlineData(10000, 12, 0.1234, "     10000,        12,         0,   0.123,mwpm,abc,")]
    [InlineData(7, 0, 1.234, "         7,         0,         0,    1.23,mwpm,abc,")]
    [InlineData(123456789012, 5, 123.45, "123456789012,         5,         0,   123.5,mwpm,abc,")]
    public void RowsArePaddedAndRoundedAsSinterWritesThem(long shots, long errors, double seconds, string prefix)
    {
        string line = SinterCsv.FormatRow(new StatsRow(shots, errors, 0, seconds, "mwpm", "abc", Meta));
        Assert.Equal(prefix + "\"{\"\"d\"\":5,\"\"family\"\":\"\"surface\"\",\"\"noise\"\":\"\"phenomenological\"\",\"\"p\"\":0.01,\"\"rounds\"\":5}\"", line);
    }

    public static TheoryData<string> MetadataCases() => new()
    {
        "{}",
        "{\"d\":3}",
        "{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\",\"c\":\"caf\\u00e9\"}",
        "{\"p\":1e-05,\"q\":3.0,\"r\":-2,\"s\":0.1,\"t\":1.5e+300}",
    };

    [Theory]
    [MemberData(nameof(MetadataCases))]
    public void WrittenRowsParseBackExactly(string json)
    {
        var metadata = TaskMetadata.Parse(json, "test");
        Assert.Equal(json, metadata.ToJson());
        var rows = new List<StatsRow>
        {
            new(1024, 3, 0, 0.5, "mwpm", "id1", metadata),
            new(2048, 0, 7, 12.3, "uf", "id2", metadata),
        };
        string text = SinterCsv.Header + "\n" + string.Concat(rows.Select(r => SinterCsv.FormatRow(r) + "\n"));
        var parsed = SinterCsv.Parse(text, "mem", null, out long torn);
        Assert.Equal(-1, torn);
        Assert.Equal(rows, parsed);
        Assert.Equal(text, SinterCsv.Header + "\n" + string.Concat(parsed.Select(r => SinterCsv.FormatRow(r) + "\n")));
    }

    [Fact]
    public void ReadsUnpaddedFilesWithSinterCustomCountsColumn()
    {
        const string text = "shots,errors,discards,seconds,decoder,strong_id,json_metadata,custom_counts\n" +
                            "100,2,0,0.5,pymatching,xyz,\"{\"\"d\"\":3}\",\n" +
                            "100,3,0,0.25,pymatching,xyz,\"{\"\"d\"\":3}\",{}\n";
        var rows = SinterCsv.Parse(text, "mem", null, out _);
        Assert.Equal(2, rows.Count);
        var total = StatsCombiner.Combine(rows).Single();
        Assert.Equal((200L, 5L, 0.75), (total.Shots, total.Errors, total.Seconds));
    }

    [Theory]
    [InlineData("     shots,    errors\n", "lacks column 'discards'")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata,extra\n", "unexpected column 'extra'")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n-1,0,0,0,m,i,{}\n", "mem:2: shots '-1'")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n1,0,0,0,m,i\n", "mem:2: expected 7 fields, found 6")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n1,0,0,x,m,i,{}\n", "mem:2: seconds 'x'")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n1,0,0,0,m,i,\"{\"\"a\"\":[1]}\"\n", "mem:2: json_metadata value 'a' is Array")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n1,0,0,0,m,i,\"{\n", "mem:2: unterminated quoted field")]
    [InlineData("shots,errors,discards,seconds,decoder,strong_id,json_metadata\n1,0,0,0,,i,{}\n", "mem:2: decoder is empty")]
    public void MalformedInputIsNamedWithItsLine(string text, string expected)
    {
        var e = Assert.ThrowsAny<Exception>(() => SinterCsv.Parse(text, "mem", _ => { }, out _));
        Assert.True(e is FormatException or InvalidDataException, e.GetType().Name);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPrefixOfAFileParsesToAPrefixOfItsRows()
    {
        var rows = Enumerable.Range(1, 3).Select(i => new StatsRow(i * 100, i, 0, 0.01 * i, "mwpm", $"id{i}", Meta)).ToList();
        string text = SinterCsv.Header + "\n" + string.Concat(rows.Select(r => SinterCsv.FormatRow(r) + "\n"));
        for (int length = 0; length <= text.Length; length++)
        {
            var warnings = new List<string>();
            var parsed = SinterCsv.Parse(text[..length], "mem", warnings.Add, out long tornAt);
            Assert.Equal(rows.Take(parsed.Count), parsed);
            // A cut inside a line either drops it (reported) or, when the cut falls after its last byte, keeps it.
            Assert.Equal(warnings.Count > 0, tornAt >= 0);
            Assert.True(parsed.Count >= text[..length].Count(c => c == '\n') - 1);
        }
    }

    [Fact]
    public void GarbageIsRejectedWithoutCrashing()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = new char[random.Next(1, 120)];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = ",\"{}x0 \n"[random.Next(8)];
            }
            string text = SinterCsv.Header + "\n" + new string(bytes) + "\n";
            try
            {
                SinterCsv.Parse(text, "mem", null, out _);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                Assert.StartsWith("mem:", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AppendingAfterATornLineCutsItOffFirst()
    {
        using var temp = new TempFolder();
        string path = temp.File("s.csv");
        var row = new StatsRow(100, 1, 0, 0.5, "mwpm", "id1", Meta);
        string good = SinterCsv.Header + "\n" + SinterCsv.FormatRow(row) + "\n";
        File.WriteAllText(path, good + SinterCsv.FormatRow(row)[..20]);
        var warnings = new List<string>();
        using (var appender = SinterCsvAppender.Open(path, warnings.Add))
        {
            Assert.Single(appender.Existing);
            appender.Append(row with { StrongId = "id2" });
        }
        Assert.Single(warnings);
        Assert.Contains("s.csv:3", warnings[0], StringComparison.Ordinal);
        Assert.Equal(good + SinterCsv.FormatRow(row with { StrongId = "id2" }) + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void ANewFileGetsTheHeaderAndAFileWithoutFinalNewlineGetsOne()
    {
        using var temp = new TempFolder();
        string path = temp.File("sub/new.csv");
        var row = new StatsRow(100, 1, 0, 0.5, "mwpm", "id1", Meta);
        using (var appender = SinterCsvAppender.Open(path, _ => { }))
        {
            appender.Append(row);
        }
        string expected = SinterCsv.Header + "\n" + SinterCsv.FormatRow(row) + "\n";
        Assert.Equal(expected, File.ReadAllText(path));
        File.WriteAllText(path, expected.TrimEnd('\n'));
        using (var appender = SinterCsvAppender.Open(path, _ => { }))
        {
            appender.Append(row);
        }
        Assert.Equal(expected + SinterCsv.FormatRow(row) + "\n", File.ReadAllText(path));
    }
}
