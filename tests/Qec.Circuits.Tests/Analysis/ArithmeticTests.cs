using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>
/// Byte equality needs Stim's rounding of merged probabilities: fma(old, 1−p, (1−old)·p). These tests
/// show the alternatives fail on a committed circuit-level case, so the reference tests can fail.
/// </summary>
public sealed class ArithmeticTests
{
    [Theory]
    [InlineData(nameof(MergeArithmetic.Plain), "line 1: Stim 'error(0.0006669335944047277828) D0' vs ours 'error(0.0006669335944047276744) D0'")]
    [InlineData(nameof(MergeArithmetic.FuseSecond), "line 1: Stim 'error(0.0006669335944047277828) D0' vs ours 'error(0.0006669335944047276744) D0'")]
    [InlineData(nameof(MergeArithmetic.FuseFirst), "identical")]
    public void OnlyStimsFusedMergeGivesItsBytes(string arithmetic, string expected)
    {
        string dir = Qec.Tests.Shared.TestPaths.Data("circuits");
        var circuit = Circuit.Load(Path.Combine(dir, "cc_xyz_d03_r03_p0.002.stim"));
        string ours = StimDemWriter.ToText(ErrorAnalyzer.Analyze(circuit, Enum.Parse<MergeArithmetic>(arithmetic)));
        string stim = File.ReadAllText(Path.Combine(dir, "cc_xyz_d03_r03_p0.002.plain.dem"));
        Assert.Equal(expected, ReferenceDemCases.FirstDifference(stim, ours));
    }

    [Fact]
    public void MergeIsTheOddParityProbability()
    {
        // Exact in binary: 0.25 and 0.5 → 0.25·0.5 + 0.75·0.5 = 0.5; merging with 0 keeps the value.
        Assert.Equal(0.5, ErrorAccumulator.Xor(0.25, 0.5));
        Assert.Equal(0.125, ErrorAccumulator.Xor(0.125, 0));
        Assert.Equal(0.125, ErrorAccumulator.Xor(0, 0.125));
        Assert.Equal(0.25 * 0.875 + 0.75 * 0.125, ErrorAccumulator.Xor(0.25, 0.125));
    }
}
