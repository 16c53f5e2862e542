using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.TensorNetwork.Planar;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// With χ at least the largest bond the sweep needs, boundary-MPS class weights are exact: they must
/// equal brute-force coset sums. Tolerance: |Δ ln Z| ≤ 1e-9, i.e. 1e-9 relative error of each weight
/// (the sweep does ~10² normalizations and SVDs, each good to ~1e-15).
/// </summary>
public class BoundaryMpsExactTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void Bit_flip_d3_every_syndrome_matches_enumeration_of_all_errors(double p)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, p);
        var matrix = CheckMatrix.From(model);
        Assert.Equal(9, matrix.NumMechanisms);
        var oracle = CosetOracle.ByEnumeration(matrix);
        var mps = BoundaryMpsCosets.Compile(model, 64);
        output.WriteLine(mps.Sweep);
        int checkedClasses = AssertAllSyndromes(mps, oracle, matrix.Detectors.Rows);
        Assert.Equal(2 << matrix.Detectors.Rows, checkedClasses);
    }

    [Theory]
    [InlineData(0.05, 1)]
    [InlineData(0.15, 2)]
    public void Depolarizing_d3_random_syndromes_match_enumeration_of_all_paulis(double p, ulong seed)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, p);
        var matrix = CheckMatrix.From(model);
        var oracle = PauliOracle(matrix, 9, p);
        var mps = BoundaryMpsCosets.Compile(model, 64);
        output.WriteLine(mps.Sweep);
        var rng = new Random((int)seed);
        var logs = new double[2];
        for (int shot = 0; shot < 64; shot++)
        {
            int syndrome = rng.Next(1 << matrix.Detectors.Rows);
            var result = mps.Compute(CosetOracle.Pack(syndrome, matrix.Detectors.Rows), logs);
            Assert.True(result.IsExact, $"syndrome {syndrome}: discarded {result.DiscardedWeight}");
            for (int c = 0; c < 2; c++)
            {
                AssertClose(CosetOracle.Log(oracle[(syndrome << 1) | c]), logs[c], $"syndrome {syndrome} class {c}");
            }
        }
    }

    [Theory]
    [InlineData(CodeFamily.RotatedSurface, NoiseModel.CodeCapacity, 5, 0.08)]
    [InlineData(CodeFamily.RotatedSurface, NoiseModel.CodeCapacityDepolarizing, 3, 0.2)]
    [InlineData(CodeFamily.Repetition, NoiseModel.CodeCapacity, 9, 0.1)]
    public void Every_syndrome_matches_the_convolution_oracle(CodeFamily family, NoiseModel noise, int d, double p)
    {
        var model = CodeGenerators.Generate(family, d, 1, noise, p);
        var matrix = CheckMatrix.From(model);
        var mps = BoundaryMpsCosets.Compile(model, 256);
        output.WriteLine(mps.Sweep);
        AssertAllSyndromes(mps, CosetOracle.ByConvolution(matrix), matrix.Detectors.Rows);
    }

    [Theory]
    [InlineData("sc_cc_d03_r01_p0.05")]
    [InlineData("sc_cc_d03_r01_p0.15")]
    public void Stim_code_capacity_model_matches_the_oracle_on_every_syndrome_of_its_live_detectors(string name)
    {
        if (ReferenceCases.TryLoad(name, output) is not { } model)
        {
            return;
        }
        var matrix = CheckMatrix.From(model);
        var mps = BoundaryMpsCosets.Compile(model, 64);
        output.WriteLine(mps.Sweep);
        // Detectors D4–D7 (the round after the noise) are never flipped: only D0–D3 vary.
        var oracle = CosetOracle.ByConvolution(matrix);
        var logs = new double[2];
        for (int s = 0; s < 16; s++)
        {
            mps.Compute(CosetOracle.Pack(s, matrix.Detectors.Rows), logs);
            AssertClose(CosetOracle.Log(oracle[s << 1]), logs[0], $"syndrome {s} class 0");
            AssertClose(CosetOracle.Log(oracle[(s << 1) | 1]), logs[1], $"syndrome {s} class 1");
        }
        mps.Compute(CosetOracle.Pack(1 << 5, matrix.Detectors.Rows), logs);
        Assert.All(logs, v => Assert.Equal(double.NegativeInfinity, v));
    }

    [Theory]
    [InlineData(NoiseModel.CodeCapacity, 5, 3)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 3, 4)]
    public void Relabelled_model_with_unequal_priors_matches_the_oracle(NoiseModel noise, int d, int seed)
    {
        // The layout comes from coordinates and targets only: renumbered detectors, shuffled errors and a
        // different prior for every mechanism must not matter.
        var model = Relabel(CodeGenerators.RotatedSurfaceCode(d, 1, noise, 0.1), new Random(seed));
        var matrix = CheckMatrix.From(model);
        var mps = BoundaryMpsCosets.Compile(model, 256);
        output.WriteLine(mps.Sweep);
        AssertAllSyndromes(mps, CosetOracle.ByConvolution(matrix), matrix.Detectors.Rows);
    }

    [Fact]
    public void Shots_do_not_leak_into_each_other_and_siblings_agree()
    {
        var model = CodeGenerators.RotatedSurfaceCode(7, 1, NoiseModel.CodeCapacityDepolarizing, 0.1);
        var mps = BoundaryMpsCosets.Compile(model, 4);
        var sibling = mps.CreateSibling();
        var (dets, _) = new Qec.Core.Sampling.DemSampler(model).Sample(3, 5);
        int bytes = mps.DetectorBytes;
        var first = new double[2];
        var again = new double[2];
        var other = new double[2];
        var r1 = mps.Compute(dets.AsSpan(0, bytes), first);
        mps.Compute(dets.AsSpan(bytes, bytes), other);
        mps.Compute(dets.AsSpan(2 * bytes, bytes), other);
        var r2 = mps.Compute(dets.AsSpan(0, bytes), again);
        sibling.Compute(dets.AsSpan(0, bytes), other);
        Assert.True(r1.Truncations > 0, "χ = 4 at d = 7 should truncate");
        Assert.Equal(r1, r2);
        Assert.Equal(first, again);
        Assert.Equal(first, other);
    }

    [Fact]
    public void Large_distance_weights_stay_finite_where_plain_doubles_underflow()
    {
        // d = 21, p = 1e-4, every detector set: 220 defects need at least 110 errors, so
        // Z ≤ (1e-4)^110 = e^-1013, below the smallest double (e^-745); only the log scale holds it.
        var model = CodeGenerators.RotatedSurfaceCode(21, 1, NoiseModel.CodeCapacity, 1e-4);
        var mps = BoundaryMpsCosets.Compile(model, 8);
        var all = new byte[mps.DetectorBytes];
        Array.Fill(all, (byte)0xFF);
        var logs = new double[2];
        mps.Compute(all, logs);
        output.WriteLine($"ln Z = {logs[0]:R}, {logs[1]:R}");
        Assert.All(logs, v => Assert.True(double.IsFinite(v) && v < -745, $"ln Z = {v}"));
    }

    /// <summary>The same model with detectors renumbered, errors shuffled and each prior drawn from [0.01, 0.3].</summary>
    private static DetectorErrorModel Relabel(DetectorErrorModel model, Random rng)
    {
        int n = (int)model.NumDetectors;
        var permutation = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        DemTarget Map(DemTarget t) => t.Kind == DemTargetKind.Detector ? DemTarget.Detector((ulong)permutation[(int)t.Index]) : t;
        var errors = new List<DemInstruction>();
        var rest = new List<DemInstruction>();
        foreach (var instruction in model.Instructions)
        {
            switch (instruction)
            {
                case DemError e:
                    errors.Add(new DemError(0.01 + 0.29 * rng.NextDouble(), [.. e.Targets.Select(Map)]));
                    break;
                case DemDetector det:
                    rest.Add(new DemDetector(det.Coordinates, [.. det.Targets.Select(Map)]));
                    break;
                default:
                    rest.Add(instruction);
                    break;
            }
        }
        return new DetectorErrorModel([.. errors.OrderBy(_ => rng.Next()), .. rest]);
    }

    /// <summary>Checks every syndrome of the model's detectors; returns how many class weights it compared.</summary>
    private static int AssertAllSyndromes(BoundaryMpsCosets mps, double[] oracle, int detectors)
    {
        int k = mps.NumObservables, compared = 0;
        var logs = new double[mps.NumClasses];
        for (long s = 0; s < 1L << detectors; s++)
        {
            var result = mps.Compute(CosetOracle.Pack(s, detectors), logs);
            Assert.True(result.IsExact, $"syndrome {s}: discarded {result.DiscardedWeight}");
            for (int c = 0; c < mps.NumClasses; c++, compared++)
            {
                AssertClose(CosetOracle.Log(oracle[(s << k) | (long)c]), logs[c], $"syndrome {s} class {c}");
            }
        }
        return compared;
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        if (double.IsNegativeInfinity(expected))
        {
            Assert.True(double.IsNegativeInfinity(actual), $"{what}: expected zero weight, got ln Z = {actual}");
            return;
        }
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: ln Z = {actual:R}, brute force {expected:R}");
    }

    /// <summary>
    /// The depolarizing channel by enumerating all 4^n Paulis: P(I) = 1 − p, P(X) = P(Y) = P(Z) = p/3 per
    /// qubit, independently of how the model writes it. Columns 3q, 3q+1, 3q+2 of the check matrix are
    /// the X, Y, Z mechanisms of qubit q (the generator's order); Y's signature must be X's ⊕ Z's.
    /// </summary>
    private static double[] PauliOracle(CheckMatrix matrix, int qubits, double p)
    {
        var signatures = CosetOracle.Signatures(matrix);
        Assert.Equal(3 * qubits, signatures.Length);
        for (int q = 0; q < qubits; q++)
        {
            Assert.Equal(signatures[3 * q] ^ signatures[3 * q + 2], signatures[3 * q + 1]);
        }
        var weights = new double[1 << (matrix.Detectors.Rows + matrix.Observables.Rows)];
        for (long paulis = 0; paulis < 1L << (2 * qubits); paulis++)
        {
            double w = 1;
            int signature = 0;
            for (int q = 0; q < qubits; q++)
            {
                int pauli = (int)(paulis >> (2 * q)) & 3; // 0 = I, 1 = X, 2 = Y, 3 = Z
                w *= pauli == 0 ? 1 - p : p / 3;
                signature ^= pauli == 0 ? 0 : signatures[3 * q + pauli - 1];
            }
            weights[signature] += w;
        }
        return weights;
    }
}
