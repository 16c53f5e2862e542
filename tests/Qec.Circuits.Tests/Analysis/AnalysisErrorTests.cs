using Qec.Circuits.Analysis;
using Qec.Circuits.Model;

namespace Qec.Circuits.Tests.Analysis;

public sealed class AnalysisErrorTests
{
    [Theory]
    [InlineData("R 0\nH 0\nM 0\nDETECTOR rec[-1]", "t.stim:1:1: The circuit contains non-deterministic detectors: D0 anti-commute with a Z-basis reset (R) on qubit 0 (instruction R).")]
    [InlineData("H 0\nM 0\nDETECTOR rec[-1]", "t.stim: The circuit contains non-deterministic detectors: D0 anti-commute with qubit initialization into |0> at the start of the circuit on qubit 0.")]
    [InlineData("RX 1\nM 1\nOBSERVABLE_INCLUDE(3) rec[-1]", "t.stim:1:1: The circuit contains non-deterministic observables: L3 anti-commute with an X-basis reset (RX) on qubit 1 (instruction RX).")]
    [InlineData("R 0 1\nH 0\nCX 0 1\nMY 0 1\nDETECTOR rec[-1]\nDETECTOR rec[-2]", "non-deterministic detectors: D0, D1 anti-commute with a Z-basis reset (R) on qubit 1")]
    [InlineData("R 0\nREPEAT 3 {\n  H 0\n  MR 0\n  DETECTOR rec[-1]\n}", "t.stim:4:3: The circuit contains non-deterministic detectors: D2 anti-commute with a Z-basis demolition measurement (MR) on qubit 0 (instruction MR, iteration 2 of 3 of the REPEAT block at line 2).")]
    [InlineData("R 0\nDEPOLARIZE1(0.8) 0\nM 0\nDETECTOR rec[-1]", "t.stim:2:1: can't analyze over-mixing DEPOLARIZE1 errors (probability 0.8 > 3/4) (instruction DEPOLARIZE1(0.8)).")]
    [InlineData("R 0 1\nDEPOLARIZE2(0.95) 0 1\nM 0\nDETECTOR rec[-1]", "over-mixing DEPOLARIZE2")]
    public void NonDeterministicOrUnanalyzableCircuitsGiveOnePreciseError(string text, string fragment)
    {
        var circuit = Circuit.Parse(text, "t.stim");
        var e = Assert.Throws<CircuitAnalysisException>(() => ErrorAnalyzer.Analyze(circuit));
        Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void DepolarizeFormulasMakeIndependentMechanismsReproduceTheChannel()
    {
        // DEPOLARIZE1(p): X, Y, Z each fire with q(1−q) = p/3 when q = ½ − ½√(1 − 4p/3).
        foreach (double p in new[] { 0.001, 0.01, 0.3, 0.75 })
        {
            double q = IndependentChannels.Depolarize1(p);
            Assert.Equal(p / 3, q * (1 - q), 15);
            double q2 = IndependentChannels.Depolarize2(p);
            // Each of 15 Paulis: q2 (1−q2)^14·… — check the identity probability (1−q2)^… via (1−2q)^8 = 1 − 16p/15.
            Assert.Equal(1 - 16 * p / 15, Math.Pow(1 - 2 * q2, 8), 14);
        }
    }

    [Fact]
    public void PauliChannelIsSplitExactlyWhenPossible()
    {
        Assert.True(IndependentChannels.TryDisjointToIndependent(0.1 * 0.8 * 0.7 + 0.9 * 0.2 * 0.3, 0.2 * 0.9 * 0.7 + 0.8 * 0.1 * 0.3,
            0.3 * 0.9 * 0.8 + 0.7 * 0.1 * 0.2, out double a, out double b, out double c));
        Assert.Equal(0.1, a, 12);
        Assert.Equal(0.2, b, 12);
        Assert.Equal(0.3, c, 12);
        Assert.False(IndependentChannels.TryDisjointToIndependent(0.3, 0.3, 0, out _, out _, out _));
    }

    [Fact]
    public void LogicalObservableLinesAppearOnlyForObservablesNoErrorFlips()
    {
        var dem = ErrorAnalyzer.Analyze(Circuit.Parse("R 0 1\nX_ERROR(0.25) 0\nM 0 1\nOBSERVABLE_INCLUDE(0) rec[-2]\nOBSERVABLE_INCLUDE(1) rec[-1]\nDETECTOR rec[-2]"));
        Assert.Equal("error(0.25) D0 L0\nlogical_observable L1\n", Qec.Circuits.Writing.StimDemWriter.ToText(dem));
    }
}
