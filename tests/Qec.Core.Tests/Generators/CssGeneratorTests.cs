using Qec.Core.Algebra;
using Qec.Core.Codes;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Core.Tests.Codes;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Generators;

/// <summary>
/// Models of CSS codes checked against the code's own matrices: code capacity gives H = H_Z and
/// L = the Z logicals column for column; phenomenological noise has closed-form sizes and each
/// mechanism flips exactly what a data or measurement error should; the depolarizing mechanisms
/// compose to the depolarizing channel.
/// </summary>
public sealed class CssGeneratorTests
{
    private static readonly BivariateBicycleCode Bb72 = BivariateBicycleCode.Create(6, 6, BbReference.A, BbReference.B);

    /// <summary>bb72 from the reference files as a plain CSS code, and the [[7,1,3]] Steane code.</summary>
    public static TheoryData<string> Codes() => new() { "bb72-files", "steane", "bb-toric" };

    private static CssCode Code(string name) => name switch
    {
        "bb72-files" => ParityCheckFile.LoadCss(TestPaths.Data("bp/bb72_HX.txt"), TestPaths.Data("bp/bb72_HZ.txt")),
        "steane" => new CssCode(BinaryMatrix.FromRows("0001111", "0110011", "1010101"), BinaryMatrix.FromRows("0001111", "0110011", "1010101")),
        _ => BivariateBicycleCode.Create(3, 4, "1+x", "1+y").Code,
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void CodeCapacityCheckMatrixIsHZWithTheLogicals(string name)
    {
        var code = Code(name);
        var model = CodeGenerators.Css(code, 1, NoiseModel.CodeCapacity, 0.01);
        Assert.Equal(((ulong)code.HZ.Rows, (ulong)code.NumQubits, (ulong)code.NumLogicals), (model.NumDetectors, model.NumErrors, model.NumObservables));
        var h = CheckMatrix.From(model);
        Assert.Equal(code.NumQubits, h.NumMechanisms);
        Assert.All(h.Priors.ToArray(), p => Assert.Equal(0.01, p));
        var zt = code.HZ.Transpose();
        var lt = code.ZLogicals.Transpose();
        for (int q = 0; q < code.NumQubits; q++)
        {
            Assert.Equal(zt.RowSupport(q), h.Detectors.ColumnEntries(q).ToArray());
            Assert.Equal(lt.RowSupport(q), h.Observables.ColumnEntries(q).ToArray());
        }
        Assert.Equal(Enumerable.Range(0, code.NumLogicals).Select(k => new DemLogicalObservable([DemTarget.Observable((ulong)k)])),
            model.Instructions.OfType<DemLogicalObservable>());
        Assert.Equal(model, DetectorErrorModel.Parse(model.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void PhenomenologicalSizesAndMechanisms(int rounds)
    {
        var code = Bb72.Code;
        int n = code.NumQubits, mz = code.HZ.Rows;
        var flat = CodeGenerators.BivariateBicycle(Bb72, rounds, NoiseModel.Phenomenological, 0.02).Flatten();
        Assert.Equal(mz * (rounds + 1), flat.NumDetectors);
        Assert.Equal((n + mz) * rounds, flat.NumErrors);
        Assert.Equal(12, flat.NumObservables);
        var zt = code.HZ.Transpose();
        var lt = code.ZLogicals.Transpose();
        int error = 0;
        for (int t = 0; t < rounds; t++)
        {
            // Per round: n data errors, each flipping its qubit's Z checks in round t and its observables ...
            for (int q = 0; q < n; q++, error++)
            {
                Assert.Equal(0.02, flat.Probability(error));
                Assert.Equal(zt.RowSupport(q).Select(c => t * mz + c), Detectors(flat, error));
                Assert.Equal(lt.RowSupport(q), Observables(flat, error));
            }
            // ... then mZ measurement errors, each flipping one check in rounds t and t + 1 and no observable.
            for (int s = 0; s < mz; s++, error++)
            {
                Assert.Equal([t * mz + s, (t + 1) * mz + s], Detectors(flat, error));
                Assert.Empty(Observables(flat, error));
            }
        }
    }

    private static int[] Detectors(FlatDetectorErrorModel flat, int error) =>
        flat.Targets(error).ToArray().Where(t => t.Kind == DemTargetKind.Detector).Select(t => (int)t.Index).ToArray();

    private static int[] Observables(FlatDetectorErrorModel flat, int error) =>
        flat.Targets(error).ToArray().Where(t => t.Kind == DemTargetKind.Observable).Select(t => (int)t.Index).ToArray();

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.01)]
    public void DepolarizingMechanismsComposeToTheDepolarizingChannel(double p)
    {
        var code = Bb72.Code;
        int mz = code.HZ.Rows;
        var flat = CodeGenerators.BivariateBicycle(Bb72, 1, NoiseModel.CodeCapacityDepolarizing, p).Flatten();
        Assert.Equal((mz + code.HX.Rows, 3 * code.NumQubits), (flat.NumDetectors, flat.NumErrors));
        for (int q = 0; q < code.NumQubits; q++)
        {
            // Mechanisms X, Y, Z of qubit q: X flips its Z checks (detectors < mZ), Z its X checks, Y both.
            int[] zChecks = code.HZ.Transpose().RowSupport(q), xChecks = code.HX.Transpose().RowSupport(q).Select(c => mz + c).ToArray();
            Assert.Equal(zChecks, Detectors(flat, 3 * q));
            Assert.Equal(zChecks.Concat(xChecks), Detectors(flat, 3 * q + 1));
            Assert.Equal(xChecks, Detectors(flat, 3 * q + 2));
            Assert.Contains(DemTarget.Separator, flat.Targets(3 * q + 1).ToArray());
            // The net Pauli of three independent mechanisms: X-part = X ⊕ Y, Z-part = Y ⊕ Z.
            var net = new double[4];
            for (int fired = 0; fired < 8; fired++)
            {
                double probability = 1;
                for (int m = 0; m < 3; m++)
                {
                    double pm = flat.Probability(3 * q + m);
                    probability *= (fired >> m & 1) != 0 ? pm : 1 - pm;
                }
                int x = (fired & 1) ^ (fired >> 1 & 1), z = (fired >> 1 & 1) ^ (fired >> 2 & 1);
                net[x + 2 * z] += probability;
            }
            Assert.Equal(1 - p, net[0], 12);
            Assert.All(net.Skip(1), pauli => Assert.Equal(p / 3, pauli, 12));
        }
    }

    [Fact]
    public void DetectorCoordinatesEndWithTheRound()
    {
        var bb = CodeGenerators.BivariateBicycle(Bb72, 1, NoiseModel.CodeCapacityDepolarizing, 0.1).Flatten();
        var phenomenological = CodeGenerators.BivariateBicycle(Bb72, 2, NoiseModel.Phenomenological, 0.1).Flatten();
        var generic = CodeGenerators.Css(Bb72.Code, 1, NoiseModel.CodeCapacityDepolarizing, 0.1).Flatten();
        for (int c = 0; c < 36; c++)
        {
            var (i, j) = (c / 6, c % 6);
            Assert.Equal([i, j, 0], bb.DetectorCoordinates(c).ToArray());
            Assert.Equal([i + 0.5, j + 0.5, 0], bb.DetectorCoordinates(36 + c).ToArray());
            Assert.Equal([i, j, 2], phenomenological.DetectorCoordinates(72 + c).ToArray());
            Assert.Equal([c, 0, 0], generic.DetectorCoordinates(c).ToArray());
            Assert.Equal([c, 1, 0], generic.DetectorCoordinates(36 + c).ToArray());
        }
    }

    [Fact]
    public void FilesAndPolynomialsGiveTheSameErrors()
    {
        var fromFiles = CodeGenerators.Css(Code("bb72-files"), 3, NoiseModel.Phenomenological, 0.01);
        var fromPolynomials = CodeGenerators.BivariateBicycle(Bb72, 3, NoiseModel.Phenomenological, 0.01);
        Assert.Equal(fromFiles.Instructions.OfType<DemError>(), fromPolynomials.Instructions.OfType<DemError>());
        Assert.NotEqual(fromFiles, fromPolynomials);   // the detector coordinates differ
    }

    [Theory]
    [InlineData(0, NoiseModel.Phenomenological, 0.1, "rounds")]
    [InlineData(2, NoiseModel.CodeCapacity, 0.1, "rounds")]
    [InlineData(1, NoiseModel.CodeCapacity, 0.0, "p")]
    [InlineData(1, NoiseModel.CodeCapacity, 0.6, "p")]
    [InlineData(1, (NoiseModel)9, 0.1, "noise")]
    [InlineData(300_000, NoiseModel.Phenomenological, 0.1, "rounds")]
    public void BadArgumentsAreNamed(int rounds, NoiseModel noise, double p, string parameter)
    {
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.Css(Bb72.Code, rounds, noise, p)).ParamName);
        Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.BivariateBicycle(Bb72, rounds, noise, p)).ParamName);
    }
}
