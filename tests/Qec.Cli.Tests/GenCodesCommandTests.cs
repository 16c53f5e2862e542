using Qec.Core.Codes;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary><c>qecd gen bb</c> and <c>qecd gen css</c>: golden counts at fixed arguments, and bad input in one line.</summary>
public sealed class GenCodesCommandTests
{
    private static readonly string[] Bb72 = ["gen", "bb", "--l", "6", "--m", "6", "--a", "x3+y+y2", "--b", "y3+x+x2"];

    [Fact]
    public void BbCodeCapacityModelHasTheCodesCounts()
    {
        var (code, output, error) = CliRunner.Run([.. Bb72, "--p", "0.01"]);
        Assert.True(code == 0, error);
        Assert.Equal("bb l=6 m=6: [[72,12]] rank(H_X)=30 rank(H_Z)=30, 36 detectors, 72 errors\n", error);
        var model = DetectorErrorModel.Parse(output, "<stdout>");
        Assert.Equal((36UL, 72UL, 12UL), (model.NumDetectors, model.NumErrors, model.NumObservables));
        Assert.All(model.Instructions.OfType<DemError>(), e => Assert.Equal(0.01, e.Probability));
        Assert.Equal(CodeGenerators.BivariateBicycle(BivariateBicycleCode.Create(6, 6, "x3+y+y2", "y3+x+x2"), 1, NoiseModel.CodeCapacity, 0.01), model);
    }

    [Fact]
    public void CssFromFilesWritesTheGeneratorsModel()
    {
        using var temp = new TempFolder();
        string hx = TestPaths.Data("bp/bb72_HX.txt"), hz = TestPaths.Data("bp/bb72_HZ.txt");
        var (code, output, error) = CliRunner.Run("gen", "css", "--hx", hx, "--hz", hz, "--noise", "phenomenological", "--rounds", "3",
            "--p", "0.02", "--out", temp.File("bb72.dem"));
        Assert.True(code == 0, error);
        Assert.Equal("", output);
        Assert.Equal("css bb72_HX.txt bb72_HZ.txt: [[72,12]] rank(H_X)=30 rank(H_Z)=30, 144 detectors, 324 errors\n", error);
        var expected = CodeGenerators.Css(ParityCheckFile.LoadCss(hx, hz), 3, NoiseModel.Phenomenological, 0.02);
        Assert.Equal(expected, DetectorErrorModel.Load(temp.File("bb72.dem")));
    }

    [Fact]
    public void BadParityCheckFileIsOneLineNamingLineAndColumn()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("hx.txt"), "# X checks\n0110\n01a0\n");
        var (code, output, error) = CliRunner.Run("gen", "css", "--hx", temp.File("hx.txt"), "--hz", TestPaths.Data("bp/bb72_HZ.txt"), "--p", "0.01");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"qecd: {temp.File("hx.txt")}:3:3: 'a' is not 0 or 1 (a row is one 0 or 1 per qubit, with optional spaces or commas between)\n", error);
    }

    [Theory]
    [InlineData("--a", "x3+w", "qecd: polynomial 'x3+w': bad term 'w' at character 4")]
    [InlineData("--l", "0", "qecd: l and m must be at least 1")]
    [InlineData("--l", "1", "are the same monomial on Z_1 × Z_6")]
    public void BadBbArgumentsAreOneLine(string option, string value, string message)
    {
        var args = new List<string>(Bb72) { "--p", "0.01" };
        args[args.IndexOf(option) + 1] = value;
        var (code, output, error) = CliRunner.Run([.. args]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void NonCssPairNamesBothFiles()
    {
        string hx = TestPaths.Data("bp/bb72_HX.txt");
        var (code, _, error) = CliRunner.Run("gen", "css", "--hx", hx, "--hz", hx, "--p", "0.01");
        Assert.Equal(1, code);
        Assert.StartsWith($"qecd: H_X {hx}, H_Z {hx}: not a CSS code: X check 0 and Z check ", error, StringComparison.Ordinal);
    }
}
