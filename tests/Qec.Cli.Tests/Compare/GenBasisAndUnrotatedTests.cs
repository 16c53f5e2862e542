using Qec.Cli.Compare;
using Qec.Core.Generators;

namespace Qec.Cli.Tests.Compare;

/// <summary>X-basis memories and the unrotated surface code through <c>--gen</c> and <c>qecd gen</c>, decoded by mwpm.</summary>
public sealed class GenBasisAndUnrotatedTests
{
    [Fact]
    public void BasesAndTheUnrotatedFamilyInSpecs()
    {
        var cases = GenSpec.Generate("unrotated-surface:code-capacity:d=3,5:p=0.1:basis=z,x");
        Assert.Equal(4, cases.Count);
        Assert.Equal("{\"d\":3,\"family\":\"unrotated-surface\",\"noise\":\"code-capacity\",\"p\":0.1,\"rounds\":1}", cases[0].Metadata.ToJson());
        Assert.Equal("{\"basis\":\"x\",\"d\":5,\"family\":\"unrotated-surface\",\"noise\":\"code-capacity\",\"p\":0.1,\"rounds\":1}", cases[3].Metadata.ToJson());
        Assert.Equal(CodeGenerators.UnrotatedSurfaceCode(5, 1, NoiseModel.CodeCapacity, 0.1, MemoryBasis.X), cases[3].Model);
        Assert.Equal(6UL, cases[0].Model.NumDetectors); // d(d − 1) Z checks
        // A Z-basis spec writes no basis key: its tasks keep their strong ids.
        Assert.Equal(GenSpec.Generate("surface:code-capacity:d=3:p=0.1")[0].Metadata, GenSpec.Generate("surface:code-capacity:d=3:p=0.1:basis=z")[0].Metadata);
    }

    [Theory]
    [InlineData("repetition:code-capacity:d=3:p=0.1:basis=x", "d=3 r=1 p=0.1: the bit-flip repetition code has no X-type checks")]
    [InlineData("surface:code-capacity:d=3:p=0.1:basis=y", "'y' in 'basis=y' is not a basis (known: z, x)")]
    public void BadBasesAreNamed(string spec, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => GenSpec.Generate(spec));
        Assert.StartsWith($"--gen '{spec}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("surface", CodeFamily.RotatedSurface)]
    [InlineData("unrotated-surface", CodeFamily.UnrotatedSurface)]
    public void GenWritesTheXMemory(string family, CodeFamily expected)
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("gen", family, "--distance", "3", "--basis", "x", "--rounds", "2", "--noise", "phenomenological", "--p", "0.01", "--out", temp.File("x.dem"));
        Assert.True(code == 0, error);
        Assert.Equal(CodeGenerators.Generate(expected, 3, 2, NoiseModel.Phenomenological, 0.01, MemoryBasis.X).ToString(), File.ReadAllText(temp.File("x.dem")));
        Assert.NotEqual(CodeGenerators.Generate(expected, 3, 2, NoiseModel.Phenomenological, 0.01).ToString(), File.ReadAllText(temp.File("x.dem")));

        (code, _, _) = CliRunner.Run("gen", "repetition", "--distance", "3", "--basis", "x", "--p", "0.01");
        Assert.NotEqual(0, code);
    }

    /// <summary>
    /// mwpm corrects the new models: at low p every task's logical error rate per round (per shot / rounds)
    /// is below p/2 (fixed seeds, 4096 shots each; at p = 1% the d = 3 phenomenological models already have
    /// about 0.3-0.4% per round, so they run at 0.5%, where it is about four times less).
    /// </summary>
    [Fact]
    public void MwpmDecodesEveryNewFamilyBelowThePhysicalRate()
    {
        using var temp = new TempFolder();
        const string specs = "surface:code-capacity:d=5:p=0.03:basis=x;surface:phenomenological:d=3,5:p=0.005:basis=x;"
            + "unrotated-surface:code-capacity:d=5:p=0.03:basis=z,x;unrotated-surface:depolarizing:d=5:p=0.03:basis=z,x;"
            + "unrotated-surface:phenomenological:d=3,5:p=0.005:basis=z,x";
        var (code, _, error) = CliRunner.Run("compare", "--gen", specs, "--decoders", "mwpm", "--max-shots", "4096", "--threads", "2", "--out", temp.File("s.csv"));
        Assert.True(code == 0, error);
        var rows = StatsCombiner.Combine(SinterCsv.ReadFile(temp.File("s.csv")));
        Assert.Equal(11, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.True(r.Metadata.TryGetNumber("p", out double p));
            Assert.True(r.Metadata.TryGetNumber("rounds", out double rounds));
            Assert.Equal(4096, r.Shots);
            Assert.True(r.Errors / rounds < p / 2 * r.Shots, $"{r.Metadata}: {r.Errors} errors in {r.Shots} shots");
        });
    }
}
