using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

public sealed class SampleCircuitCommandTests
{
    [Fact]
    public void SampleCircuitWritesWhatTheCircuitSamplerDrawsForTheSameSeed()
    {
        using var temp = new TempFolder();
        string circuit = TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim");
        var (code, _, error) = CliRunner.Run("sample", "--circuit", circuit, "--shots", "1500", "--seed", "11",
            "--out", temp.File("d.b8"), "--out-format", "b8", "--obs-out", temp.File("o.01"), "--obs-out-format", "01");
        Assert.True(code == 0, error);

        var (dets, obs) = new CircuitSampler(Circuit.Load(circuit)).Sample(1500, 11);
        Assert.Equal(dets, File.ReadAllBytes(temp.File("d.b8")));
        string expected = string.Concat(Enumerable.Range(0, 1500).Select(s => ((obs[s] & 1) == 1 ? "1" : "0") + "\n"));
        Assert.Equal(expected, File.ReadAllText(temp.File("o.01")));
    }

    [Fact]
    public void SampleNeedsExactlyOneOfDemAndCircuit()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("sample", "--shots", "10", "--out", temp.File("d.b8"));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: give exactly one of --dem and --circuit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleCircuitOnThreeThreadsWritesTheSingleThreadBytes()
    {
        using var temp = new TempFolder();
        string circuit = TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim");
        var sampler = new CircuitSampler(Circuit.Load(circuit));
        int shots = 2 * sampler.BatchShots + 100; // three batches: the parallel path
        var (code, _, error) = CliRunner.Run("sample", "--circuit", circuit, "--shots", shots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "12", "--threads", "3", "--out", temp.File("d.b8"), "--out-format", "b8");
        Assert.True(code == 0, error);
        Assert.Equal(sampler.Sample(shots, 12).DetectionEvents, File.ReadAllBytes(temp.File("d.b8")));
    }

    [Fact]
    public void ThreadsWithADemIsRefused()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("sample", "--dem", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem"), "--shots", "10",
            "--threads", "2", "--out", temp.File("d.b8"));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: --threads applies to --circuit sampling", error, StringComparison.Ordinal);
    }
}
