using Qec.Circuits.Model;
using Qec.Circuits.Parsing;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Parsing;

public sealed class CircuitParserTests
{
    [Fact]
    public void ReadsEveryFeatureOfTheSubset()
    {
        const string text = "# comment\r\n"
            + "qubit_coords(1, 2.5) 0\n"
            + "R 0 1\n"
            + "RZ 2\n"
            + "X_ERROR[noisy \\C tag](0.125) 0 1   # trailing comment\n"
            + "cnot 0 1\n"
            + "ZCX 1 2\n"
            + "REPEAT[outer] 3 {\n"
            + "    REPEAT 2 {\n"
            + "        TICK\n"
            + "        MR(0.01) 2\n"
            + "    }\n"
            + "    SHIFT_COORDS(0, 1)\n"
            + "    DETECTOR(1, 0) rec[-1] rec[-2]\n"
            + "}\n"
            + "M 0 1\n"
            + "OBSERVABLE_INCLUDE(2) rec[-1]\n";
        var c = Circuit.Parse(text);
        Assert.Equal(3, c.NumQubits);
        Assert.Equal(2UL * 3 + 2, c.NumMeasurements);
        Assert.Equal(3UL, c.NumDetectors);
        Assert.Equal(6UL, c.NumTicks);
        var coords = Assert.IsType<CircuitInstruction>(c.Operations[0]);
        Assert.Equal(GateKind.QubitCoords, coords.Gate);
        Assert.Equal([1.0, 2.5], coords.Args.ToArray());
        Assert.Equal(2, coords.Line);
        var noise = Assert.IsType<CircuitInstruction>(c.Operations[3]);
        Assert.Equal("noisy ] tag", noise.Tag);
        Assert.Equal([0, 1], noise.Targets.ToArray());
        Assert.Equal(GateKind.CX, Assert.IsType<CircuitInstruction>(c.Operations[4]).Gate);
        Assert.Equal("CNOT", Assert.IsType<CircuitInstruction>(c.Operations[4]).Name);
        var outer = Assert.IsType<CircuitRepeat>(c.Operations[6]);
        Assert.Equal(3UL, outer.Count);
        Assert.Equal("outer", outer.Tag);
        var inner = Assert.IsType<CircuitRepeat>(outer.Body.Operations[0]);
        Assert.Equal(2UL, inner.Count);
        var detector = Assert.IsType<CircuitInstruction>(outer.Body.Operations[2]);
        Assert.Equal([-1, -2], detector.Targets.ToArray());
        Assert.Equal(14, detector.Line);
        Assert.Equal(5, detector.Column);
    }

    [Theory]
    [InlineData("FOO 0", 1, 1, "unsupported instruction 'FOO'")]
    [InlineData("H 0\n  MPP X0*X1", 2, 3, "unsupported instruction 'MPP'")]
    [InlineData("REPEAT 0 {\n}", 1, 8, "REPEAT 0")]
    [InlineData("REPEAT 3 {\nH 0\n", 1, 1, "never closed")]
    [InlineData("REPEAT 3\nH 0\n}", 1, 9, "expected '{'")]
    [InlineData("H 0\n}", 2, 1, "unexpected '}'")]
    [InlineData("X_ERROR(1.5) 0", 1, 9, "probability 1.5 of X_ERROR is outside [0, 1]")]
    [InlineData("M(-0.25) 0", 1, 3, "probability -0.25 of M is outside [0, 1]")]
    [InlineData("PAULI_CHANNEL_1(0.5, 0.4, 0.3) 0", 1, 1, "sum to")]
    [InlineData("DEPOLARIZE1 0", 1, 1, "exactly one argument")]
    [InlineData("H(0.1) 0", 1, 1, "takes no parenthesised arguments")]
    [InlineData("X_ERROR(0.1, 0.2) 0", 1, 1, "exactly one argument")]
    [InlineData("X_ERROR(abc) 0", 1, 9, "bad argument 'abc'")]
    [InlineData("DETECTOR rec[-1]", 1, 10, "before the circuit's first")]
    [InlineData("M 0 1\nDETECTOR rec[-1] rec[-3]", 2, 18, "rec[-3]' of DETECTOR refers to a measurement before the circuit's first one (only 2 measurements so far)")]
    [InlineData("REPEAT 2 {\n DETECTOR rec[-1]\n M 0\n}", 2, 11, "before the circuit's first")]
    [InlineData("REPEAT 2 {\n M 0\n}\nDETECTOR rec[-3]", 4, 10, "only 2 measurements")]
    [InlineData("M 0\nDETECTOR rec[-0]", 2, 10, "start at rec[-1]")]
    [InlineData("M 0\nDETECTOR 0", 2, 10, "expected a measurement record")]
    [InlineData("M 0\nOBSERVABLE_INCLUDE(0.5) rec[-1]", 2, 20, "bad observable index 0.5")]
    [InlineData("M 0\nOBSERVABLE_INCLUDE rec[-1]", 2, 1, "exactly one argument (the observable index)")]
    [InlineData("CX 0 1 2", 1, 1, "in pairs")]
    [InlineData("CZ 3 3", 1, 6, "pairs a qubit with itself")]
    [InlineData("H !0", 1, 3, "bad target '!0'")]
    [InlineData("CX rec[-1] 0", 1, 4, "measurement records as controls are not supported")]
    [InlineData("TICK 0", 1, 6, "TICK takes no targets")]
    [InlineData("X_ERROR[tag(0.1) 0", 1, 8, "tag opened here is never closed")]
    [InlineData("H 0 {", 1, 5, "bad target '{'")]
    [InlineData("(0.1) 0", 1, 1, "expected an instruction name")]
    public void BadInputGivesOnePreciseError(string text, int line, int column, string fragment)
    {
        var e = Assert.Throws<CircuitFormatException>(() => Circuit.Parse(text, "t.stim"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"t.stim:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPrefixOfARealCircuitParsesOrFailsCleanly()
    {
        string text = File.ReadAllText(TestPaths.Data("circuits/sc_cc_d03_r01_p0.05.stim"));
        int parsed = 0;
        for (int n = 0; n <= text.Length; n++)
        {
            try
            {
                Circuit.Parse(text[..n]);
                parsed++;
            }
            catch (CircuitFormatException)
            {
            }
        }
        // Prefixes cut inside a token or before a record's measurement fail; those at line ends parse.
        Assert.True(parsed > text.Count('\n') / 2, $"only {parsed} of {text.Length + 1} prefixes parse");
    }

    [Fact]
    public void GarbageFailsCleanly()
    {
        var rng = new Random(15);
        const string alphabet = "HMRXZCDE_01239 ()[]{},.-#\nrec!*^\\";
        for (int trial = 0; trial < 2000; trial++)
        {
            var chars = new char[rng.Next(1, 40)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            }
            try
            {
                Circuit.Parse(new string(chars));
            }
            catch (CircuitFormatException)
            {
            }
        }
    }
}
