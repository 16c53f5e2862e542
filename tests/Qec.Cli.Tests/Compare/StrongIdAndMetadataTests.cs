using Qec.Cli.Compare;
using Qec.Core.Dem;

namespace Qec.Cli.Tests.Compare;

public sealed class StrongIdAndMetadataTests
{
    private const string Dem = "error(0.1) D0 L0\nerror(0.1) D0 D1\nerror(0.1) D1\n";

    [Fact]
    public void MetadataIsWrittenAsPythonsJsonDumpsWithSortedKeys()
    {
        var metadata = TaskMetadata.Empty.With("rounds", 3).With("p", 0.001).With("d", 3).With("noise", "phenomenological").With("family", "surface");
        Assert.Equal("{\"d\":3,\"family\":\"surface\",\"noise\":\"phenomenological\",\"p\":0.001,\"rounds\":3}", metadata.ToJson());
    }

    [Theory]
    [InlineData(0.00001, "1e-05")]
    [InlineData(3.0, "3.0")]
    [InlineData(0.030000000000000002, "0.030000000000000002")]
    [InlineData(1e16, "1e+16")]
    public void RealsFollowPythonsRepr(double value, string expected) => Assert.Equal(expected, TaskMetadata.FormatReal(value));

    [Fact]
    public void TheStrongIdIsStable()
    {
        var model = DetectorErrorModel.Parse(Dem);
        var metadata = TaskMetadata.Empty.With("d", 2);
        string id = StrongId.Compute(model.ToString(), "mwpm", 1024, metadata);
        // Pinned: a change here changes every seed and orphans every existing CSV row (bump StrongId.Scheme instead).
        Assert.True(id == Pinned, $"strong id changed: {id}");
        Assert.Equal(64, id.Length);
        Assert.Equal(id, StrongId.Compute(DetectorErrorModel.Parse("error(0.1)   D0 L0\nerror(0.1) D0 D1\n\nerror(0.1) D1").ToString(), "mwpm", 1024, metadata));
    }

    private const string Pinned = "5440b1f672d4113aa1bdb7c2a727afc5555fd2ae8b1d805af633895e19a2c2e4";

    [Fact]
    public void TheStrongIdChangesWithEveryInput()
    {
        string text = DetectorErrorModel.Parse(Dem).ToString();
        var metadata = TaskMetadata.Empty.With("d", 2);
        string[] ids =
        [
            StrongId.Compute(text, "mwpm", 1024, metadata),
            StrongId.Compute(text, "uf", 1024, metadata),
            StrongId.Compute(text, "mwpm", 512, metadata),
            StrongId.Compute(text, "mwpm", 1024, metadata.With("d", 3)),
            StrongId.Compute(DetectorErrorModel.Parse(Dem.Replace("0.1) D1", "0.2) D1", StringComparison.Ordinal)).ToString(), "mwpm", 1024, metadata),
        ];
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void BatchSeedsDependOnTaskSaltAndBatchOnly()
    {
        Assert.Equal(BatchSeeds.Seed("abc", 0, 7), BatchSeeds.Seed("abc", 0, 7));
        var seeds = new HashSet<ulong>();
        for (int b = 0; b < 1000; b++)
        {
            Assert.True(seeds.Add(BatchSeeds.Seed("abc", 0, b)));
        }
        Assert.NotEqual(BatchSeeds.Seed("abc", 0, 7), BatchSeeds.Seed("abc", 1, 7));
        Assert.NotEqual(BatchSeeds.Seed("abc", 0, 7), BatchSeeds.Seed("abd", 0, 7));
    }

    [Theory]
    [InlineData("sc_rmz_d05_r05_p0.003", "{\"d\":5,\"family\":\"surface\",\"name\":\"sc_rmz_d05_r05_p0.003\",\"noise\":\"circuit\",\"p\":0.003,\"rounds\":5}")]
    [InlineData("sc_cc_d11_r01_p0.10", "{\"d\":11,\"family\":\"surface\",\"name\":\"sc_cc_d11_r01_p0.10\",\"noise\":\"depolarizing\",\"p\":0.1,\"rounds\":1}")]
    [InlineData("my_code_d7_r14_p1e-3", "{\"d\":7,\"family\":\"my_code\",\"name\":\"my_code_d7_r14_p1e-3\",\"p\":0.001,\"rounds\":14}")]
    [InlineData("d=5,p=0.001,noise=SI1000", "{\"d\":5,\"name\":\"d=5,p=0.001,noise=SI1000\",\"noise\":\"SI1000\",\"p\":0.001}")]
    [InlineData("whatever", "{\"name\":\"whatever\"}")]
    public void FileNamesGiveMetadata(string stem, string json) => Assert.Equal(json, DemFiles.MetadataFromName(stem).ToJson());

    [Fact]
    public void GlobsMatchFileNamesOnlyAndSayWhenNothingMatches()
    {
        using var temp = new TempFolder();
        foreach (string name in (string[])["a_d3.dem", "a_d5.dem", "b_d3.dem", "a_d3.txt"])
        {
            File.WriteAllText(temp.File(name), "error(0.1) D0\n");
        }
        Assert.Equal(new string?[] { "a_d3.dem", "a_d5.dem" }, DemFiles.Expand([temp.File("a_d?.dem")]).Select(Path.GetFileName).ToArray());
        Assert.Equal(new string?[] { "a_d3.dem", "a_d5.dem", "b_d3.dem" }, DemFiles.Expand([temp.File("a_*.dem"), temp.File("*.dem")]).Select(Path.GetFileName).ToArray());
        Assert.Contains("no file matches", Assert.Throws<FileNotFoundException>(() => DemFiles.Expand([temp.File("c*.dem")])).Message, StringComparison.Ordinal);
        Assert.Contains("only in the file name", Assert.Throws<ArgumentException>(() => DemFiles.Expand([Path.Combine(temp.Path, "*", "x.dem")])).Message, StringComparison.Ordinal);
        Assert.Contains("no such DEM file", Assert.Throws<FileNotFoundException>(() => DemFiles.Expand([temp.File("zzz.dem")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundsComeFromDetectorCoordinatesWhenTheNameHasNone()
    {
        var model = Qec.Core.Generators.CodeGenerators.RotatedSurfaceCode(3, 4, Qec.Core.Generators.NoiseModel.Phenomenological, 0.01);
        Assert.Equal(4, DemFiles.RoundsFromCoordinates(model));
        Assert.Null(DemFiles.RoundsFromCoordinates(DetectorErrorModel.Parse(Dem)));
    }
}
