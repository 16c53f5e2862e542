using System.Globalization;
using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>qecd gen circuit</c>: Stim's bytes for the stim gen flags (tests/data copies of the reference, see
/// circuits/SOURCE.md), and SD6 circuits whose mwpm logical error rate falls with the distance below threshold.
/// </summary>
public sealed class GenCircuitCommandTests
{
    [Theory]
    [InlineData("sc_umx_d03_r03_p0.002", "surface_code", "unrotated_memory_x", "3", "3", "0.002")]
    [InlineData("rep_mem_d07_r30_p0.01", "repetition_code", "memory", "7", "30", "0.01")]
    public void GenCircuitWritesStimGensBytes(string stem, string code, string task, string d, string rounds, string p)
    {
        using var temp = new TempFolder();
        var (exit, _, error) = CliRunner.Run("gen", "circuit", "--code", code, "--task", task, "--distance", d, "--rounds", rounds,
            "--after-clifford-depolarization", p, "--before-round-data-depolarization", p,
            "--before-measure-flip-probability", p, "--after-reset-flip-probability", p, "--out-circuit", temp.File("c.stim"));
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllText(TestPaths.Data($"circuits/{stem}.stim")), File.ReadAllText(temp.File("c.stim")));
    }

    [Fact]
    public void Sd6LogicalErrorRateFallsWithDistanceBelowThreshold()
    {
        // SD6 at p = 0.002 is well below the rotated code's ~0.5-0.7% circuit-level threshold: d = 5 must
        // fail less often than d = 3 on the same number of shots (expected about 1.5% vs 0.4%; fixed seed).
        using var temp = new TempFolder();
        var errors = new List<long>();
        foreach (int d in new[] { 3, 5 })
        {
            string circuit = temp.File($"sd6_d{d}.stim");
            var (exit, _, error) = CliRunner.Run("gen", "circuit", "--code", "surface_code", "--task", "rotated_memory_z",
                "--distance", d.ToString(CultureInfo.InvariantCulture), "--rounds", d.ToString(CultureInfo.InvariantCulture),
                "--noise", "sd6", "--p", "0.002", "--out-circuit", circuit);
            Assert.True(exit == 0, error);
            (exit, _, error) = CliRunner.Run("sample", "--circuit", circuit, "--shots", "4000", "--seed", "7",
                "--out", temp.File("d.b8"), "--obs-out", temp.File("o.01"));
            Assert.True(exit == 0, error);
            (exit, var output, error) = CliRunner.Run("decode", "--circuit", circuit, "--in", temp.File("d.b8"), "--decoder", "mwpm",
                "--obs-in", temp.File("o.01"));
            Assert.True(exit == 0, error);
            errors.Add(long.Parse(output.Split('\n').Single(l => l.StartsWith("logical errors:", StringComparison.Ordinal))["logical errors:".Length..].Trim(),
                CultureInfo.InvariantCulture));
        }
        Assert.InRange(errors[0], 10, 400); // d = 3: a real but small rate (0.25%-10%)
        Assert.True(errors[1] < errors[0], $"d=5 {errors[1]} errors, d=3 {errors[0]}: no suppression");
    }

    [Fact]
    public void BadCombinationsAreClearErrors()
    {
        var (exit, _, error) = CliRunner.Run("gen", "circuit", "--code", "repetition_code", "--task", "rotated_memory_z", "--distance", "3", "--rounds", "2");
        Assert.Equal(1, exit);
        Assert.StartsWith("qecd: --task rotated_memory_z is not a repetition_code task", error, StringComparison.Ordinal);
        (exit, _, error) = CliRunner.Run("gen", "circuit", "--code", "surface_code", "--task", "rotated_memory_z", "--distance", "3", "--rounds", "2",
            "--noise", "sd6", "--p", "0.001", "--after-reset-flip-probability", "0.001");
        Assert.Equal(1, exit);
        Assert.StartsWith("qecd: give either --noise with --p or the stim gen noise flags, not both", error, StringComparison.Ordinal);
    }
}
