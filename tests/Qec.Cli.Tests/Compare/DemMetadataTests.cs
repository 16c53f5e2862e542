using Qec.Cli.Compare;
using Qec.Core.Generators;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests.Compare;

/// <summary>
/// Metadata of <c>--dems</c> files (reference names, <c>--name-pattern</c>, <c>--metadata</c>,
/// <c>--sidecars</c>) and <c>qecd plot</c> with its default options (x = p, groups decoder and d) on the rows.
/// </summary>
public sealed class DemMetadataTests
{
    [Theory]
    [InlineData("sc_umz_d03_r04_p0.002.decomposed", "{\"d\":3,\"family\":\"unrotated-surface\",\"name\":\"sc_umz_d03_r04_p0.002.decomposed\",\"noise\":\"circuit\",\"p\":0.002,\"rounds\":4}")]
    [InlineData("sc_umx_d03_r03_p0.002.plain", "{\"basis\":\"x\",\"d\":3,\"family\":\"unrotated-surface\",\"name\":\"sc_umx_d03_r03_p0.002.plain\",\"noise\":\"circuit\",\"p\":0.002,\"rounds\":3}")]
    [InlineData("sc_rmx_d05_r05_p0.002.folded_decomposed", "{\"basis\":\"x\",\"d\":5,\"family\":\"surface\",\"name\":\"sc_rmx_d05_r05_p0.002.folded_decomposed\",\"noise\":\"circuit\",\"p\":0.002,\"rounds\":5}")]
    [InlineData("cc_xyz_d03_r04_p0.002.folded", "{\"d\":3,\"family\":\"color\",\"name\":\"cc_xyz_d03_r04_p0.002.folded\",\"noise\":\"circuit\",\"p\":0.002,\"rounds\":4}")]
    [InlineData("rep_mem_d07_r30_p0.01.plain", "{\"d\":7,\"family\":\"repetition\",\"name\":\"rep_mem_d07_r30_p0.01.plain\",\"noise\":\"circuit\",\"p\":0.01,\"rounds\":30}")]
    public void ReferenceNamesWithAVariantSuffixGiveTheirMetadata(string stem, string json) =>
        Assert.Equal(json, DemFiles.MetadataFromName(stem).ToJson());

    /// <summary>Every DEM name of ../shared/reference (all folders) and tests/data says d, rounds, p and family.</summary>
    [Fact]
    public void EveryReferenceDemNameSaysDistanceRoundsPAndFamily()
    {
        var folders = new List<string> { TestPaths.Data("") };
        if (TestPaths.Reference is { } reference)
        {
            folders.Add(reference);
        }
        var stems = folders.SelectMany(f => Directory.EnumerateFiles(f, "*.dem", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension).Distinct().ToList();
        Assert.True(stems.Count >= 10, $"{stems.Count} DEM files found");
        Assert.All(stems, stem =>
        {
            var metadata = DemFiles.MetadataFromName(stem!);
            foreach (string key in (string[])["d", "rounds", "p"])
            {
                Assert.True(metadata.TryGetNumber(key, out _), $"{stem}: no number '{key}' in {metadata}");
            }
            Assert.True(metadata.Contains("family"), $"{stem}: no family in {metadata}");
        });
    }

    [Theory]
    [InlineData("{family}_d{d}_r{r}_p{p}", "toric_d05_r10_p0.001", "{\"d\":5,\"family\":\"toric\",\"name\":\"N\",\"p\":0.001,\"rounds\":10}")]
    [InlineData("{code}-L{d}-T{r}-err{p}*", "my_code-L7-T3-err1e-3.v2", "{\"code\":\"my_code\",\"d\":7,\"name\":\"N\",\"p\":0.001,\"rounds\":3}")]
    [InlineData("*_p{p}", "anything_at_all_p0.05", "{\"name\":\"N\",\"p\":0.05}")]
    [InlineData("{family}_d{d}_r{r}_p{p}*", "sc_umz_d03_r04_p0.002.decomposed", "{\"d\":3,\"family\":\"sc_umz\",\"name\":\"N\",\"p\":0.002,\"rounds\":4}")]
    [InlineData("{label}_x", "3.5.1_x", "{\"label\":\"3.5.1\",\"name\":\"N\"}")]
    public void NamePatternPlaceholdersBecomeMetadata(string pattern, string stem, string json) =>
        Assert.Equal(json, NamePattern.Parse(pattern).Apply(stem, TaskMetadata.Empty.With("name", "N"), stem + ".dem").ToJson());

    [Theory]
    [InlineData("{family_d{d}", "column 1: '{' is never closed")]
    [InlineData("x_{}_y", "column 4: empty '{}'")]
    [InlineData("{d}_{d}", "column 6: key 'd' appears twice")]
    [InlineData("{r}_{rounds}", "key 'rounds' appears twice")]
    [InlineData("d}_x", "column 2: '}' without '{'")]
    [InlineData("{5x}", "'5x' is not a key")]
    [InlineData("plain", "no {key} placeholder")]
    public void BadNamePatternsAreNamed(string pattern, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => NamePattern.Parse(pattern));
        Assert.StartsWith($"--name-pattern '{pattern}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileTheNamePatternDoesNotMatchIsNamed()
    {
        var e = Assert.Throws<InvalidDataException>(() => NamePattern.Parse("{family}_d{d}").Apply("surface-5", TaskMetadata.Empty, "dir/surface-5.dem"));
        Assert.Equal("dir/surface-5.dem: file name 'surface-5' does not match --name-pattern '{family}_d{d}'", e.Message);
    }

    /// <summary>
    /// The acceptance of issue 16 item 1: <c>qecd compare --dems</c> over reference names (the rotated and
    /// code-capacity surface code, and the unrotated X-memory circuit DEM with its <c>.decomposed</c> suffix),
    /// then <c>qecd plot stats.csv --out out.png</c> with every plot option at its default.
    /// </summary>
    [Fact]
    public void PlotWithDefaultOptionsWorksAfterComparingReferenceDems()
    {
        using var temp = new TempFolder();
        foreach (string data in (string[])["dem/sc_rmz_d03_r03_p0.001.dem", "dem/sc_cc_d03_r01_p0.10.dem", "compare/sc_umx_d03_r03_p0.002.decomposed.dem"])
        {
            File.Copy(TestPaths.Data(data), temp.File(Path.GetFileName(data)));
        }
        var (code, _, error) = CliRunner.Run("compare", "--dems", temp.File("*.dem"), "--max-shots", "500", "--threads", "1", "--out", temp.File("stats.csv"));
        Assert.True(code == 0, error);
        var rows = SinterCsv.ReadFile(temp.File("stats.csv"));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(r.Metadata.TryGetNumber("p", out _) && r.Metadata.TryGetNumber("d", out double d) && d == 3, r.Metadata.ToJson()));

        (code, _, error) = CliRunner.Run("plot", temp.File("stats.csv"), "--out", temp.File("out.png"));
        Assert.True(code == 0, error);
        Assert.Contains("1 lines, ", error, StringComparison.Ordinal); // mwpm, d=3: the three files share a line
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(temp.File("out.png"))[..4]);
    }

    /// <summary>
    /// A name no built-in style reads gets its metadata from --name-pattern, --metadata and a sidecar, in
    /// that order of precedence (later wins); plot then works with its defaults; the metadata is part of the
    /// strong id, so the same model without it is another task.
    /// </summary>
    [Fact]
    public void NamePatternMetadataAndSidecarsDescribeAnyFileName()
    {
        using var temp = new TempFolder();
        foreach (var (d, p) in new[] { (3, 0.05), (5, 0.05) })
        {
            File.WriteAllText(temp.File($"rep-L{d}-e{p}.dem"), CodeGenerators.RepetitionCode(d, 1, NoiseModel.CodeCapacity, p).ToString());
            File.WriteAllText(temp.File($"rep-L{d}-e{p}.json"), "{\"owner\":\"lab\",\"p\":0.5,\"shots_note\":\"sidecar\"}");
        }
        (int, string, string) Compare(string csv, params string[] extra) => CliRunner.Run(
            ["compare", "--dems", temp.File("rep-*.dem"), "--max-shots", "300", "--threads", "1", "--out", temp.File(csv), .. extra]);

        var (code, _, error) = Compare("plain.csv");
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run("plot", temp.File("plain.csv"), "--out", temp.File("plain.png"));
        Assert.Equal(1, code);
        Assert.Contains("has no 'p'", error, StringComparison.Ordinal);

        (code, _, error) = Compare("described.csv", "--name-pattern", "{family}-L{d}-e{p}", "--sidecars", "--metadata", "noise=code-capacity", "--metadata", "shots_note=cli");
        Assert.True(code == 0, error);
        var rows = SinterCsv.ReadFile(temp.File("described.csv")).OrderBy(r => r.Metadata.ToJson(), StringComparer.Ordinal).ToList();
        // p: the pattern's 0.05 loses to the sidecar's 0.5; shots_note: the sidecar's loses to --metadata.
        Assert.Equal("{\"d\":3,\"family\":\"rep\",\"name\":\"rep-L3-e0.05\",\"noise\":\"code-capacity\",\"owner\":\"lab\",\"p\":0.5,\"rounds\":1,\"shots_note\":\"cli\"}", rows[0].Metadata.ToJson());
        Assert.Equal(2, rows.Count);
        var plainIds = SinterCsv.ReadFile(temp.File("plain.csv")).Select(r => r.StrongId).ToHashSet();
        Assert.DoesNotContain(rows[0].StrongId, plainIds);

        (code, _, error) = CliRunner.Run("plot", temp.File("described.csv"), "--out", temp.File("described.png"));
        Assert.True(code == 0, error);
        Assert.Contains("2 lines", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--metadata", "novalue" }, "qecd: --metadata 'novalue' must look like key=value")]
    [InlineData(new[] { "--name-pattern", "{family}_d{d}" }, "does not match --name-pattern '{family}_d{d}'")]
    [InlineData(new[] { "--sidecars" }, "--sidecars: no metadata file ")]
    public void BadDemMetadataGivesOneLine(string[] extra, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("model.dem"), CodeGenerators.RepetitionCode(3, 1, NoiseModel.CodeCapacity, 0.1).ToString());
        var (code, _, error) = CliRunner.Run(["compare", "--dems", temp.File("model.dem"), "--max-shots", "10", "--out", temp.File("s.csv"), .. extra]);
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(1, error.Count(c => c == '\n'));
    }

    [Fact]
    public void DemMetadataOptionsNeedDemFiles()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("compare", "--gen", "repetition:code-capacity:d=3:p=0.1", "--metadata", "x=1", "--max-shots", "10", "--out", temp.File("s.csv"));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: --name-pattern, --metadata and --sidecars describe --dems files", error, StringComparison.Ordinal);
    }
}
