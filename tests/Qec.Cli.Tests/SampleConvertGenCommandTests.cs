using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

public sealed class SampleConvertGenCommandTests
{
    [Fact]
    public void GenWritesTheGeneratorsModel()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("gen", "surface", "--distance", "5", "--rounds", "4", "--noise", "phenomenological", "--p", "0.02", "--out", temp.File("d5.dem"));
        Assert.True(code == 0, error);
        var expected = CodeGenerators.RotatedSurfaceCode(5, 4, NoiseModel.Phenomenological, 0.02);
        Assert.Equal(expected, DetectorErrorModel.Load(temp.File("d5.dem")));
    }

    [Theory]
    [InlineData("--distance", "1")]
    [InlineData("--p", "1.5")]
    public void GenRejectsBadArgumentsInOneLine(string option, string value)
    {
        var args = new List<string> { "gen", "repetition", "--distance", "5", "--p", "0.1" };
        args[args.IndexOf(option) + 1] = value;
        var (code, output, error) = CliRunner.Run([.. args]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("qecd: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleWritesWhatTheSamplerDrawsForTheSameSeed()
    {
        using var temp = new TempFolder();
        string dem = TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem");
        var (code, _, error) = CliRunner.Run("sample", "--dem", dem, "--shots", "3000", "--seed", "7",
            "--out", temp.File("d.b8"), "--out-format", "b8", "--obs-out", temp.File("o.b8"), "--obs-out-format", "b8");
        Assert.True(code == 0, error);

        var sampler = new DemSampler(DetectorErrorModel.Load(dem));
        var (dets, obs) = sampler.Sample(3000, 7);
        Assert.Equal(dets, File.ReadAllBytes(temp.File("d.b8")));
        Assert.Equal(obs, File.ReadAllBytes(temp.File("o.b8")));
    }

    [Fact]
    public void ConvertB8To01ReproducesStimsOwnFile()
    {
        using var temp = new TempFolder();
        string dem = TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem");
        var (code, _, error) = CliRunner.Run("convert", "--dem", dem, "--in", TestPaths.Data("formats/sc_rmz_d03_r03_p0.001.dets.b8"),
            "--in-format", "b8", "--out", temp.File("d.01"), "--out-format", "01");
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllBytes(TestPaths.Data("formats/sc_rmz_d03_r03_p0.001.dets.01")), File.ReadAllBytes(temp.File("d.01")));
    }

    [Fact]
    public void ConvertNamesTheBadShot()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.01"), "0101\n01x1\n");
        var (code, _, error) = CliRunner.Run("convert", "--bits", "4", "--in", temp.File("bad.01"), "--in-format", "01", "--out", temp.File("x.b8"), "--out-format", "b8");
        Assert.Equal(1, code);
        Assert.Contains("shot 1, line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertNeedsExactlyOneLayoutSource()
    {
        var (code, _, error) = CliRunner.Run("convert", "--in", "a", "--out", "b");
        Assert.Equal(1, code);
        Assert.Equal("qecd: give exactly one of --dem (with --types) or --bits\n", error);
    }
}
