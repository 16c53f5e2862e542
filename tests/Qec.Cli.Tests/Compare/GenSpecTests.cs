using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

public sealed class GenSpecTests
{
    [Fact]
    public void AProductOfListsAndRanges()
    {
        var cases = GenSpec.Generate("surface:phenomenological:d=3,5,7:p=0.01..0.05/5:r=d");
        Assert.Equal(15, cases.Count);
        Assert.Equal(
            new string?[] { "0.01", "0.02", "0.03", "0.04", "0.05" },
            cases.Take(5).Select(c => c.Metadata.GetText("p")).ToArray());
        Assert.Equal("{\"d\":7,\"family\":\"surface\",\"noise\":\"phenomenological\",\"p\":0.05,\"rounds\":7}", cases[^1].Metadata.ToJson());
        Assert.Equal((ulong)(24 * 8), cases[^1].Model.NumDetectors); // (d²−1)/2 = 24 Z checks × (r + 1) = 8 layers
    }

    [Theory]
    [InlineData("repetition:code-capacity:d=3:p=0.1", 1, "{\"d\":3,\"family\":\"repetition\",\"noise\":\"code-capacity\",\"p\":0.1,\"rounds\":1}")]
    [InlineData("surface:phenomenological:d=3:p=0.01:r=2,4", 2, "{\"d\":3,\"family\":\"surface\",\"noise\":\"phenomenological\",\"p\":0.01,\"rounds\":4}")]
    [InlineData("surface:depolarizing:d=3..7/3:p=0.1", 3, "{\"d\":7,\"family\":\"surface\",\"noise\":\"depolarizing\",\"p\":0.1,\"rounds\":1}")]
    [InlineData("surface:code-capacity:d=3:p=0.001..0.1/3log", 3, "{\"d\":3,\"family\":\"surface\",\"noise\":\"code-capacity\",\"p\":0.1,\"rounds\":1}")]
    [InlineData("repetition:code-capacity:d=3:p=0.1; repetition:code-capacity:d=5:p=0.1", 2, "{\"d\":5,\"family\":\"repetition\",\"noise\":\"code-capacity\",\"p\":0.1,\"rounds\":1}")]
    public void SpecsGiveTheirModels(string spec, int count, string lastJson)
    {
        var cases = GenSpec.Generate(spec);
        Assert.Equal(count, cases.Count);
        Assert.Equal(lastJson, cases[^1].Metadata.ToJson());
    }

    [Fact]
    public void LogRangesAreRoundedToTwelveDigits() =>
        Assert.Equal(new string?[] { "0.001", "0.01", "0.1" }, GenSpec.Generate("surface:code-capacity:d=3:p=0.001..0.1/3log").Select(c => c.Metadata.GetText("p")).ToArray());

    [Theory]
    [InlineData("toric:phenomenological:d=3:p=0.01", "unknown family 'toric' (known: surface, unrotated-surface, repetition)")]
    [InlineData("surface:phenom:d=3:p=0.01", "unknown noise 'phenom' (known: code-capacity, depolarizing, phenomenological)")]
    [InlineData("surface:phenomenological:p=0.01", "missing d=LIST")]
    [InlineData("surface:phenomenological:d=3", "missing p=LIST")]
    [InlineData("surface:phenomenological:d=3,x:p=0.01", "'x' in 'd=3,x' is not a non-negative integer")]
    [InlineData("surface:phenomenological:d=3:p=0.01,abc", "'abc' in 'p=0.01,abc' is not a number")]
    [InlineData("surface:phenomenological:d=3:p=0.01..0.05", "range '0.01..0.05' in 'p=0.01..0.05' needs a count")]
    [InlineData("surface:phenomenological:d=3..6/3:p=0.01", "gives 4.5, not an integer")]
    [InlineData("surface:phenomenological:d=3:p=0.01:q=2", "unknown field 'q=2'")]
    [InlineData("surface:code-capacity:d=3:p=0.01:r=3", "d=3 r=3 p=0.01: CodeCapacity noise has one round of perfect measurement: rounds must be 1")]
    [InlineData("surface:phenomenological:d=3:p=0.7", "d=3 r=3 p=0.7: p must lie in (0, 0.5]")]
    [InlineData("surface", "expected FAMILY:NOISE:d=LIST:p=LIST")]
    public void BadSpecsNameTheBadPart(string spec, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => GenSpec.Generate(spec));
        Assert.StartsWith($"--gen '{spec}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandLineGivesOneLineNamingTheBadPart()
    {
        using var temp = new TempFolder();
        var (code, output, error) = CliRunner.Run("compare", "--gen", "surface:phenom:d=3:p=0.01", "--max-shots", "10", "--out", temp.File("s.csv"));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("qecd: --gen 'surface:phenom:d=3:p=0.01': unknown noise 'phenom' (known: code-capacity, depolarizing, phenomenological)\n", error);
    }
}
