using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Correlated;
using Qec.Matching.Mwpm;
using Qec.Matching.Tests.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Correlated;

/// <summary>
/// The correlation model (joint and implied probabilities of decomposed errors), the two-pass rule on
/// hand-made models whose answers follow by hand, the options, the errors, and allocation.
/// </summary>
public sealed class CorrelatedModelTests
{
    private static FlatDetectorErrorModel Flat(string text) => DetectorErrorModel.Parse(text).Flatten();

    [Fact]
    public void ImpliedProbabilityIsJointOverMarginalCappedAtOneHalf()
    {
        // (0,1) occurs through the hyperedge (p = 0.1) or alone (p = 0.16): marginal 0.1·0.84 + 0.16·0.9 = 0.228.
        var jp = JointProbabilities.FromDem(Flat("error(0.1) D0 D1 ^ D2 D3\nerror(0.16) D0 D1\nerror(0.2) D4"));
        Assert.Equal(1, jp.DecomposedErrors);
        var rules = jp.ImpliedWeights();
        Assert.Equal(2, rules.Count);
        var given01 = Assert.Single(rules, r => r.Causal == (0, 1));
        Assert.Equal((2, 3), given01.Affected);
        double q = 0.1 / 0.228;
        Assert.Equal(Math.Log((1 - q) / q), given01.Weight, 12);
        // (2,3) occurs only with (0,1): P(0,1 | 2,3) = 1, capped at 1/2, weight 0.
        var given23 = Assert.Single(rules, r => r.Causal == (2, 3));
        Assert.Equal((0, 1), given23.Affected);
        Assert.Equal(0.0, given23.Weight, 12);
    }

    [Fact]
    public void BoundaryComponentsAreKeyedWithTheBoundaryLast()
    {
        var rules = JointProbabilities.FromDem(Flat("error(0.1) D5 ^ D2 D1")).ImpliedWeights();
        Assert.Contains(rules, r => r.Causal == (5, JointProbabilities.Boundary) && r.Affected == (1, 2));
        Assert.Contains(rules, r => r.Causal == (1, 2) && r.Affected == (5, JointProbabilities.Boundary));
    }

    /// <summary>
    /// Events {0,1,2,3}. Edge (0,1) is likely; (2,3) happens only together with (0,1) and is unlikely on
    /// its own (w = ln 19 ≈ 2.94, carries L0); boundary edges at 2 and 3 (p = 0.2, w = ln 4 each, sum 2.77)
    /// are cheaper, so plain matching predicts no flip. Pass one uses (0,1), whose implied weight for
    /// (2,3) is 0 (P = 0.05/0.059 capped at 1/2), so pass two matches 2–3 and predicts L0.
    /// </summary>
    [Fact]
    public void PassOneEdgesReweightCorrelatedEdgesAndChangeTheAnswer()
    {
        var dem = DetectorErrorModel.Parse("error(0.05) D0 D1 ^ D2 D3 L0\nerror(0.01) D0 D1\nerror(0.2) D2\nerror(0.2) D3");
        var plain = MwpmCompiledDecoder.FromDem(dem).CreateDecoder();
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(dem);
        var corr = compiled.CreateDecoder();
        Assert.Null(compiled.Note);
        Span<ulong> mask = stackalloc ulong[1];
        long plainWeight = plain.DecodeEvents([0, 1, 2, 3], mask);
        Assert.Equal(0UL, mask[0]);
        long w = corr.DecodeEvents([0, 1, 2, 3], mask);
        Assert.Equal(1UL, mask[0]);
        Assert.Equal(1, corr.ReweightedShots);
        // Pass two's weight is (0,1)'s weight alone: (2,3) now costs 0.
        double w01 = UserGraphWeight(0.05, 0.01);
        Assert.Equal(w01, w / corr.NormalisingConstant, 5);
        Assert.True(w < plainWeight);
        // The weights were restored: events {2,3} alone decode as plain matching does.
        long again = corr.DecodeEvents([2, 3], mask);
        Assert.Equal(0UL, mask[0]);
        Assert.Equal(plain.DecodeEvents([2, 3], mask), again);
    }

    private static double UserGraphWeight(double p1, double p2)
    {
        double p = p1 * (1 - p2) + p2 * (1 - p1);
        return Math.Log((1 - p) / p);
    }

    [Fact]
    public void WithoutDecompositionsItIsPlainMatchingWithANote()
    {
        var c = ReferenceCase.Load(TestPaths.Data("matching"), "sc_rmz_d03_r03_p0.003", flatLayout: true);
        // Strip the decompositions: every '^' component becomes an error of its own.
        string text = File.ReadAllText(TestPaths.Data("matching/sc_rmz_d03_r03_p0.003.dem")).Replace(" ^ ", "\nerror(0.001) ");
        var dem = DetectorErrorModel.Parse(text);
        var compiled = CorrelatedMwpmCompiledDecoder.FromDem(dem);
        Assert.NotNull(compiled.Note);
        Assert.Equal(0, compiled.RuleCount);
        var corr = compiled.CreateDecoder();
        var plain = MwpmCompiledDecoder.FromDem(dem).CreateDecoder();
        var a = new byte[1];
        var b = new byte[1];
        for (int s = 0; s < 500; s++)
        {
            var shot = c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes);
            Assert.Equal(plain.DecodeToIntegerWeight(shot, a), corr.DecodeToIntegerWeight(shot, b));
            Assert.Equal(a[0], b[0]);
        }
    }

    [Fact]
    public void FactoryOptionSelectsCorrelatedMatching()
    {
        var dem = DetectorErrorModel.Parse("error(0.05) D0 D1 ^ D2 D3 L0\nerror(0.2) D2\nerror(0.2) D3\nerror(0.1) D0\nerror(0.1) D1");
        var factory = new MwpmDecoderFactory();
        Assert.IsType<MwpmCompiledDecoder>(factory.Compile(dem, DecoderOptions.Empty));
        Assert.IsType<MwpmCompiledDecoder>(factory.Compile(dem, DecoderOptions.Parse(["correlations=false"])));
        Assert.IsType<CorrelatedMwpmCompiledDecoder>(factory.Compile(dem, DecoderOptions.Parse(["correlations=true"])));
        var e = Assert.Throws<ArgumentException>(() => factory.Compile(dem, DecoderOptions.Parse(["correlations=maybe"])));
        Assert.Contains("correlations=maybe", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error(0.6) D0 D1", "error 0 has probability 0.6")]
    [InlineData("error(0.1) D0\nerror(0.1) D0 D1 D2", "error 1 (p=0.1) has a component with more than 2 detectors")]
    [InlineData("error(0.1) D0 ^ L0", "error 0 (p=0.1) has a decomposition component with no detector")]
    public void UnusableModelsAreRejectedNamingTheError(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CorrelatedMwpmCompiledDecoder.FromDem(DetectorErrorModel.Parse(text)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SteadyStateCorrelatedDecodingAllocatesNothing()
    {
        var c = ReferenceCase.Load(TestPaths.Data("matching"), "sc_rmz_d05_r05_p0.007", flatLayout: true);
        var decoder = CorrelatedMwpmCompiledDecoder.FromDem(c.Dem).CreateDecoder();
        var obs = new byte[1];
        long Pass()
        {
            long total = 0;
            for (int s = 0; s < c.Shots; s++)
            {
                total += decoder.DecodeToIntegerWeight(c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes), obs);
            }
            return total;
        }
        long first = Pass();
        // The restored weights decode every shot the same way again.
        long last = 0;
        Assert.Equal(0, SteadyState.AllocatedBytes(() => last = Pass()));
        Assert.Equal(first, last);
    }
}
