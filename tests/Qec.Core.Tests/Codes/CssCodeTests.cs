using Qec.Core.Algebra;
using Qec.Core.Codes;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Codes;

/// <summary>
/// CSS validation and logical operators. The logical basis is checked against the reference L of
/// ../shared/reference/bp (same span modulo rowspace(H_Z)), and against the defining properties:
/// Z logicals commute with H_X, are independent modulo H_Z, and pair with the X logicals as I.
/// </summary>
public sealed class CssCodeTests(ITestOutputHelper output)
{
    /// <summary>The [[7,1,3]] Steane code: both check matrices are the [7,4] Hamming code's.</summary>
    private static readonly BinaryMatrix Hamming = BinaryMatrix.FromRows("0001111", "0110011", "1010101");

    [Theory]
    [InlineData("bb72")]
    [InlineData("bb144")]
    public void LogicalsSpanTheReferenceLogicalsModuloHZ(string name)
    {
        if (BbReference.Folder(name, output) is not { } folder)
        {
            return;
        }
        var code = ParityCheckFile.LoadCss(Path.Combine(folder, name + "_HX.txt"), Path.Combine(folder, name + "_HZ.txt"));
        var reference = BbReference.Matrix(folder, name + "_L.txt");
        var ours = code.ZLogicals;
        int rank = BbReference.Codes.Single(c => c.Name == name).Rank;
        Assert.Equal((rank, rank, 12), (code.RankHX, code.RankHZ, code.NumLogicals));
        Assert.Equal(rank + 12, BinaryMatrix.StackRows(code.HZ, ours).Rank());
        Assert.Equal(rank + 12, BinaryMatrix.StackRows(code.HZ, reference).Rank());
        Assert.Equal(rank + 12, BinaryMatrix.StackRows(code.HZ, ours, reference).Rank());
        Assert.True(code.HX.Multiply(ours.Transpose()).IsZero);
        AssertLogicalProperties(code);
    }

    [Fact]
    public void SteaneCodeHasOneLogicalOfOddWeight()
    {
        var code = new CssCode(Hamming, Hamming);
        Assert.Equal((7, 1, 3, 3), (code.NumQubits, code.NumLogicals, code.RankHX, code.RankHZ));
        AssertLogicalProperties(code);
        // Every Hamming codeword has even overlap with the rows; a logical is a codeword of odd weight.
        Assert.Equal(1, code.ZLogicals.RowWeight(0) % 2);
    }

    private static void AssertLogicalProperties(CssCode code)
    {
        int k = code.NumLogicals;
        Assert.Equal((k, code.NumQubits), (code.ZLogicals.Rows, code.ZLogicals.Columns));
        Assert.True(code.HX.Multiply(code.ZLogicals.Transpose()).IsZero, "Z logicals commute with the X checks");
        Assert.True(code.HZ.Multiply(code.XLogicals.Transpose()).IsZero, "X logicals commute with the Z checks");
        Assert.Equal(code.RankHZ + k, BinaryMatrix.StackRows(code.HZ, code.ZLogicals).Rank());
        Assert.Equal(code.RankHX + k, BinaryMatrix.StackRows(code.HX, code.XLogicals).Rank());
        Assert.Equal(BinaryMatrix.Identity(k), code.XLogicals.Multiply(code.ZLogicals.Transpose()));
    }

    [Fact]
    public void ObservablesOfXErrorsFollowTheLogicalBasis()
    {
        var code = BivariateBicycleCode.Create(6, 6, BbReference.A, BbReference.B).Code;
        var errors = new byte[9];
        var observables = new byte[2];
        var syndrome = new byte[5];
        // X stabilizers are invisible and flip nothing.
        for (int r = 0; r < code.HX.Rows; r++)
        {
            Pack(code.HX.RowSupport(r), errors);
            code.XErrorObservables(errors, observables);
            code.XErrorSyndrome(errors, syndrome);
            Assert.All(observables.Concat(syndrome), b => Assert.Equal(0, b));
        }
        // X logical i is invisible and flips exactly observable i.
        for (int i = 0; i < code.NumLogicals; i++)
        {
            Pack(code.XLogicals.RowSupport(i), errors);
            code.XErrorObservables(errors, observables);
            code.XErrorSyndrome(errors, syndrome);
            Assert.All(syndrome, b => Assert.Equal(0, b));
            Assert.Equal([i], Unpack(observables, code.NumLogicals));
        }
        // One X error on qubit q: the Z checks and Z logicals holding q.
        for (int q = 0; q < code.NumQubits; q++)
        {
            Pack([q], errors);
            code.XErrorObservables(errors, observables);
            code.XErrorSyndrome(errors, syndrome);
            Assert.Equal(Enumerable.Range(0, code.NumLogicals).Where(i => code.ZLogicals[i, q]), Unpack(observables, code.NumLogicals));
            Assert.Equal(Enumerable.Range(0, code.HZ.Rows).Where(c => code.HZ[c, q]), Unpack(syndrome, code.HZ.Rows));
            Assert.Equal(3, Unpack(syndrome, code.HZ.Rows).Length);
        }
    }

    internal static void Pack(IEnumerable<int> ones, byte[] bytes)
    {
        Array.Clear(bytes);
        foreach (int q in ones)
        {
            bytes[q / 8] |= (byte)(1 << (q % 8));
        }
    }

    internal static int[] Unpack(byte[] bytes, int bits) => Enumerable.Range(0, bits).Where(i => (bytes[i / 8] >> (i % 8) & 1) != 0).ToArray();

    [Theory]
    [InlineData(new[] { "110" }, new[] { "011" }, "not a CSS code: X check 0 and Z check 0 overlap on an odd number of qubits (1)")]
    [InlineData(new[] { "1100", "0011" }, new[] { "1111", "0110" }, "not a CSS code: X check 0 and Z check 1 overlap on an odd number of qubits (1)")]
    [InlineData(new[] { "11" }, new[] { "11" }, "encodes no logical qubit: n = 2, rank(H_X) = 1, rank(H_Z) = 1, k = n − rank(H_X) − rank(H_Z) = 0")]
    [InlineData(new[] { "110" }, new[] { "11" }, "H_X has 3 columns (qubits) but H_Z has 2")]
    [InlineData(new[] { "" }, new[] { "" }, "a CSS code needs at least one qubit (H_X and H_Z have no columns)")]
    public void InvalidCodesAreExplained(string[] hx, string[] hz, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new CssCode(BinaryMatrix.FromRows(hx), BinaryMatrix.FromRows(hz)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ChecksMayBeAbsentOnOneSide()
    {
        // The 3-qubit bit-flip code: Z checks only; k = 3 − 0 − 2 = 1, Z logical = a single Z.
        var code = new CssCode(new BinaryMatrix(0, 3), BinaryMatrix.FromRows("110", "011"));
        Assert.Equal(1, code.NumLogicals);
        Assert.Equal(1, code.ZLogicals.RowWeight(0));
        Assert.Equal(BinaryMatrix.FromRows("111"), code.XLogicals);
    }
}
