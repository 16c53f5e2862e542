using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Generative.Decoding;

namespace Qec.Cli.Tests;

/// <summary><c>qecd train gen</c>: trains a tiny model that the gen decoder then loads; resumes; refuses bad input by name.</summary>
public sealed class TrainGenCommandTests
{
    private static string WriteDem(TempFolder folder, string name, double p = 0.1)
    {
        string path = folder.File(name);
        File.WriteAllText(path, CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, p).ToString());
        return path;
    }

    private static readonly string[] Tiny = ["--shots", "3000", "--epochs", "2", "--hidden", "8", "--layers", "1", "--heldout", "300", "--batch", "100"];

    [Fact]
    public void TrainsAModelTheDecoderLoadsAndResumesFromIt()
    {
        using var folder = new TempFolder();
        string dem = WriteDem(folder, "cc.dem"), model = folder.File("m.st");
        var (code, output, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", model, .. Tiny]);
        Assert.True(code == 0, error);
        Assert.Contains("wrote", output);
        Assert.Contains("held-out errors", error);
        var loaded = GenerativeModelFile.Load<float>(model, DetectorErrorModel.Load(dem), out string baseName, out var metadata);
        Assert.Equal(GenerativeModelFile.NoBase, baseName);
        Assert.Equal("6000", metadata["gen.train.shots"]);
        Assert.Equal(8, loaded.Config.HiddenWidth);
        string resumed = folder.File("r.st");
        (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", resumed, "--resume", model, "--hidden", "99", .. Tiny[..4]]);
        Assert.True(code == 0, error);
        Assert.Equal(8, GenerativeModelFile.Load<float>(resumed, DetectorErrorModel.Load(dem), out _, out _).Config.HiddenWidth);
    }

    [Fact]
    public void TrainsAgainstAMwpmBase()
    {
        using var folder = new TempFolder();
        string dem = WriteDem(folder, "cc.dem"), model = folder.File("m.st");
        var (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", model, "--base", "mwpm", .. Tiny]);
        Assert.True(code == 0, error);
        var loaded = GenerativeModelFile.Load<float>(model, DetectorErrorModel.Load(dem), out string baseName, out _);
        Assert.Equal("mwpm", baseName);
        Assert.Equal(9, loaded.ConditionSize);
    }

    /// <summary>A base with options (<c>mwpm:correlations=true</c>) is stored verbatim in the model file, and the base the
    /// decoder later compiles from that text decides every shot as correlated mwpm does (which, on these shots, differs
    /// from plain mwpm somewhere, so dropping the options would be caught).</summary>
    [Fact]
    public void TrainsAgainstABaseWithOptions()
    {
        using var folder = new TempFolder();
        string dem = WriteDem(folder, "cc.dem", 0.12), model = folder.File("m.st");
        var (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", model, "--base", "mwpm:correlations=true", .. Tiny]);
        Assert.True(code == 0, error);
        var dems = DetectorErrorModel.Load(dem);
        GenerativeModelFile.Load<float>(model, dems, out string baseName, out _);
        Assert.Equal("mwpm:correlations=true", baseName);

        var registry = AllDecoders.Create();
        var fromSpec = BaseDecoderSpec.Compile(registry, baseName, dems, "test")!;
        var correlated = registry.Get("mwpm").Compile(dems, DecoderOptions.Parse(["correlations=true"]));
        var plain = registry.Get("mwpm").Compile(dems, DecoderOptions.Empty);
        const int shots = 4000;
        var (dets, _) = new DemSampler(dems).Sample(shots, 11);
        byte[] a = new byte[shots], b = new byte[shots], c = new byte[shots];
        BatchDecoding.DecodeAll(fromSpec, dets, a, shots);
        BatchDecoding.DecodeAll(correlated, dets, b, shots);
        BatchDecoding.DecodeAll(plain, dets, c, shots);
        Assert.Equal(b, a);
        Assert.NotEqual(c, a);
        Assert.Null(BaseDecoderSpec.Compile(registry, GenerativeModelFile.NoBase, dems, "test"));
    }

    [Fact]
    public void ADemWithoutObservablesIsRefused()
    {
        using var folder = new TempFolder();
        string dem = folder.File("noobs.dem");
        File.WriteAllText(dem, "error(0.1) D0\nerror(0.1) D0 D1\nerror(0.1) D1\n");
        var (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", folder.File("m.st"), .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains("no logical observables", error);
        Assert.Contains(dem, error);
        Assert.False(File.Exists(folder.File("m.st")));
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs 0")]
    [InlineData("--shots", "0", "--shots 0")]
    [InlineData("--lr", "-1", "--lr -1")]
    [InlineData("--threads", "0", "--threads 0")]
    [InlineData("--base", "nosuch", "--base nosuch")]
    [InlineData("--base", "gen", "--base gen")]
    [InlineData("--base", "mwpm:correlations", "--base mwpm:correlations: option 'correlations' must look like key=value (NAME:KEY=VALUE:…)")]
    public void BadOptionsAreNamed(string option, string value, string expected)
    {
        using var folder = new TempFolder();
        string dem = WriteDem(folder, "cc.dem");
        var (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", folder.File("m.st"), option, value]);
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void MissingDemAndResumeForAnotherDemAreRefused()
    {
        using var folder = new TempFolder();
        var (code, _, error) = CliRunner.Run(["train", "gen", "--dem", folder.File("absent.dem"), "--out", folder.File("m.st")]);
        Assert.Equal(1, code);
        Assert.Contains("absent.dem", error);
        string dem = WriteDem(folder, "a.dem", 0.1), other = WriteDem(folder, "b.dem", 0.05), model = folder.File("m.st");
        Assert.Equal(0, CliRunner.Run(["train", "gen", "--dem", dem, "--out", model, .. Tiny]).ExitCode);
        (code, _, error) = CliRunner.Run(["train", "gen", "--dem", other, "--out", folder.File("n.st"), "--resume", model, .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains("another DEM", error);
        string truncated = folder.File("t.st");
        File.WriteAllBytes(truncated, File.ReadAllBytes(model)[..50]);
        (code, _, error) = CliRunner.Run(["train", "gen", "--dem", dem, "--out", folder.File("n.st"), "--resume", truncated, .. Tiny]);
        Assert.Equal(1, code);
        Assert.Contains(truncated, error);
    }

    [Fact]
    public void BenchDecodersDefaultListSkipsDecodersThatNeedOptions()
    {
        var (code, output, error) = CliRunner.Run(["bench", "decoders", "--gen", "repetition:code-capacity:d=3:p=0.05", "--shots", "10", "--repeats", "1", "--threads", "1"]);
        Assert.True(code == 0, error);
        Assert.Contains("| mwpm |", output);
        Assert.DoesNotContain("| gen |", output);
        (code, _, error) = CliRunner.Run(["bench", "decoders", "--decoders", "gen", "--gen", "surface:code-capacity:d=3:p=0.05", "--shots", "10", "--repeats", "1"]);
        Assert.Equal(1, code);
        Assert.Contains("model=PATH is required", error);
    }
}
