using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

public sealed class DemFromCircuitCommandTests
{
    [Fact]
    public void WritesStimsBytes()
    {
        using var temp = new TempFolder();
        string output = temp.File("x.dem");
        var (code, stdout, error) = CliRunner.Run("dem", "from-circuit", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"), "--out", output);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("wrote ", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.plain.dem")), File.ReadAllText(output));
    }

    [Fact]
    public void DecomposesLikeStim()
    {
        using var temp = new TempFolder();
        string output = temp.File("x.dem");
        var (code, _, error) = CliRunner.Run("dem", "from-circuit", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"), "--decompose-errors", "--out", output);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem")), File.ReadAllText(output));
    }

    [Fact]
    public void FoldsLoopsLikeStim()
    {
        using var temp = new TempFolder();
        string output = temp.File("x.dem");
        var (code, _, error) = CliRunner.Run("dem", "from-circuit", TestPaths.Data("circuits/rep_mem_d07_r30_p0.01.stim"), "--fold-loops", "--decompose-errors", "--out", output);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(TestPaths.Data("circuits/rep_mem_d07_r30_p0.01.folded_decomposed.dem")), File.ReadAllText(output));
    }

    [Fact]
    public void ABadCircuitIsOneLineNamingFileLineAndColumn()
    {
        using var temp = new TempFolder();
        string input = temp.File("bad.stim");
        File.WriteAllText(input, "R 0\nMPP X0\n");
        var (code, _, error) = CliRunner.Run("dem", "from-circuit", input, "--out", temp.File("x.dem"));
        Assert.Equal(1, code);
        Assert.StartsWith($"qecd: {input}:2:1: unsupported instruction 'MPP'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("x.dem")));
    }

    [Fact]
    public void ANonDeterministicDetectorIsOneLine()
    {
        using var temp = new TempFolder();
        string input = temp.File("gauge.stim");
        File.WriteAllText(input, "R 0\nH 0\nM 0\nDETECTOR rec[-1]\n");
        var (code, _, error) = CliRunner.Run("dem", "from-circuit", input, "--out", temp.File("x.dem"));
        Assert.Equal(1, code);
        Assert.Equal($"qecd: {input}:1:1: The circuit contains non-deterministic detectors: D0 anti-commute with a Z-basis reset (R) on qubit 0 (instruction R).\n", error);
    }
}
