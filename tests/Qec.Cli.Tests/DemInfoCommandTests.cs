using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

public sealed class DemInfoCommandTests
{
    [Fact]
    public void PrintsCountsOfAReferenceModel()
    {
        var (code, output, error) = CliRunner.Run("dem", "info", TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("detectors:   24\n", output, StringComparison.Ordinal);
        Assert.Contains("observables: 1\n", output, StringComparison.Ordinal);
        Assert.Contains("graph-like:  yes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsARepeatModelWithoutFlatteningIt()
    {
        var (code, output, _) = CliRunner.Run("dem", "info", TestPaths.Data("dem/rep_mem_d05_r10000_p0.01.dem"));
        Assert.Equal(0, code);
        Assert.Contains("detectors:   40004\n", output, StringComparison.Ordinal);
        Assert.Contains("repeat blocks: yes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsOneClearLine()
    {
        var (code, output, error) = CliRunner.Run("dem", "info", "/no/such/file.dem");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("qecd: no such DEM file: /no/such/file.dem\n", error);
    }

    [Fact]
    public void AMalformedFileNamesLineAndColumn()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qecd-bad-{Guid.NewGuid():N}.dem");
        File.WriteAllText(path, "error(0.1) D0\nerror(2) D1\n");
        try
        {
            var (code, _, error) = CliRunner.Run("dem", "info", path);
            Assert.Equal(1, code);
            Assert.Equal($"qecd: {path}:2:6: error probability must be between 0 and 1, found 2\n", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnUnknownSubcommandFails()
    {
        var (code, _, error) = CliRunner.Run("dem", "frobnicate");
        Assert.NotEqual(0, code);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
