using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.StatMech;
using Qec.TensorNetwork.Tests.Decoding;

namespace Qec.TensorNetwork.Tests.StatMech;

/// <summary>
/// The random-bond Ising model of a coset (Dennis et al. 2002, sec. IV) against independent oracles: the
/// <c>tn</c> decoder's parity network (a different network over the same probabilities), error enumeration,
/// and brute force over the spins. Tolerances: 1e-9 in probabilities and in ln W (relative 1e-9 in W); 1e-12
/// where both sides sum the same 2^N terms.
/// </summary>
public class SpinGlassCosetTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(0.109)]
    [InlineData(0.2)]
    [InlineData(0.45)]
    public void Every_d3_syndrome_has_the_tn_decoders_coset_probabilities_and_the_enumerated_weights(double p)
    {
        var (model, matrix) = Surface(3, p);
        foreach (var (s, syndrome, weights) in EveryD3SyndromeAgainstTn(model, CosetSpinGlass.RotatedSurface(matrix, 3, ContractionLimits.Default)))
        {
            var enumerated = CosetOracles.Enumerate(matrix, syndrome);  // all 2^9 errors
            for (int c = 0; c < 2; c++)
            {
                Assert.True(Math.Abs(enumerated[c] - weights[c]) < Tolerance, $"syndrome {s}, class {c}: ln W {weights[c]}, enumeration {enumerated[c]}");
            }
        }
    }

    [Theory]
    [InlineData(5, 0.03, 11)]
    [InlineData(5, 0.109, 12)]
    [InlineData(5, 0.2, 13)]
    [InlineData(7, 0.05, 14)]
    [InlineData(7, 0.109, 15)]
    [InlineData(7, 0.15, 16)]
    [InlineData(4, 0.1, 17)]
    [InlineData(2, 0.1, 18)]
    public void Sampled_syndromes_have_the_tn_decoders_coset_probabilities(int d, double p, int seed)
    {
        var (model, matrix) = Surface(d, p);
        var rbim = new SpinGlassCosets(CosetSpinGlass.RotatedSurface(matrix, d, ContractionLimits.Default));
        var tn = TnDecoder(model);
        const int shots = 20;
        var sampler = new DemSampler(model);
        var (dets, _) = sampler.Sample(shots, (ulong)seed);
        int bytes = sampler.DetectorBytesPerShot;
        var weights = new double[2];
        for (int s = 0; s < shots; s++)
        {
            var syndrome = dets.AsSpan(s * bytes, bytes);
            rbim.Solve(syndrome, weights);
            tn.Decode(syndrome, new byte[1]);
            AssertSameProbabilities(tn.LogClassWeights, weights, $"d = {d}, p = {p}, shot {s}");
            for (int c = 0; c < 2; c++)
            {
                Assert.True(Math.Abs(tn.LogClassWeights[c] - weights[c]) < Tolerance, $"shot {s}, class {c}: ln W {weights[c]}, tn {tn.LogClassWeights[c]}");
            }
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void The_d3_contraction_equals_brute_force_over_the_16_spin_configurations(double p)
    {
        var (_, matrix) = Surface(3, p);
        var glass = CosetSpinGlass.RotatedSurface(matrix, 3, ContractionLimits.Default);
        var generators = RotatedSurfacePlaquettes.XType(3).Select(x => x.Qubits).ToArray();
        Assert.Equal(4, glass.NumSpins);
        var rbim = new SpinGlassCosets(glass);
        for (int s = 0; s < 16; s++)
        {
            foreach (var coset in rbim.Classes(SpinEnumeration.Syndrome(s, 4)))
            {
                var model = coset.Model!;
                // ln Z: the model's own energy summed over 2^4 configurations; ln W: the coset's probability from its definition.
                Assert.Equal(SpinEnumeration.Spins(model).LogZ, coset.LogPartitionFunction, 1e-12);
                Assert.Equal(SpinEnumeration.LogCosetWeight(matrix, generators, model.Representative), coset.LogWeight, 1e-12);
                Assert.Equal(-coset.LogPartitionFunction, coset.FreeEnergy);
                Assert.Equal(coset.FreeEnergy / 4, coset.FreeEnergyPerSpin);
            }
        }
    }

    [Fact]
    public void Representatives_have_their_syndrome_and_class()
    {
        var (model, matrix) = Surface(5, 0.1);
        var glass = CosetSpinGlass.RotatedSurface(matrix, 5, ContractionLimits.Default);
        var (dets, _) = new DemSampler(model).Sample(30, 5);
        for (int s = 0; s < 30; s++)
        {
            var syndrome = dets.AsSpan(s * 2, 2);
            for (int c = 0; c < 2; c++)
            {
                var rep = glass.Model(syndrome, c)!.Representative;
                Assert.Equal(syndrome.ToArray(), SpinEnumeration.Syndrome(Parities(matrix.Detectors, rep), 12));
                Assert.Equal(c, Parities(matrix.Observables, rep));
            }
        }
    }

    [Fact]
    public void At_low_p_every_d3_free_energy_approaches_its_ground_state()
    {
        // F = E_0 − ln g − ln(1 + Σ_excited e^{−(E − E_0)}), and every excitation costs at least 4J (it flips ≥ 2 qubits).
        const double p = 1e-6;
        var (_, matrix) = Surface(3, p);
        var rbim = new SpinGlassCosets(CosetSpinGlass.RotatedSurface(matrix, 3, ContractionLimits.Default));
        double bound = 16 * Math.Pow(p / (1 - p), 2);
        for (int s = 0; s < 16; s++)
        {
            foreach (var coset in rbim.Classes(SpinEnumeration.Syndrome(s, 4)))
            {
                var (_, ground, degeneracy) = SpinEnumeration.Spins(coset.Model!);
                double gap = ground - Math.Log(degeneracy) - coset.FreeEnergy;
                Assert.True(gap >= -1e-12 && gap <= bound, $"syndrome {s}, class {coset.LogicalClass}: F = {coset.FreeEnergy}, E_0 − ln g = {ground - Math.Log(degeneracy)}");
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void The_trivial_syndromes_free_energy_tends_to_the_ferromagnetic_ground_state(int d)
    {
        // Syndrome 0, class 0: every coupling is +J, the ground state is all spins up with E_0 = −Σ_q J_q. The
        // lightest excitations flip one weight-2 boundary plaquette (d − 1 of them): E_0 − F → (d − 1)(p/(1 − p))²,
        // the next ones cost (p/(1 − p))⁴ (relative ~1e-5 at p = 1e-3). Smaller p would leave the gap below F's rounding.
        foreach (double p in new[] { 1e-3, 1e-4 })
        {
            var (_, matrix) = Surface(d, p);
            var glass = CosetSpinGlass.RotatedSurface(matrix, d, ContractionLimits.Default);
            var coset = new SpinGlassCosets(glass).Classes(new byte[(matrix.Detectors.Rows + 7) >> 3])[0];
            double ground = -glass.Couplings.Sum();
            double leading = (d - 1) * Math.Pow(p / (1 - p), 2);
            Assert.Equal(1, (ground - coset.FreeEnergy) / leading, 1e-4);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void The_model_has_the_lattices_spins_bonds_and_fields(int d)
    {
        // X plaquettes: (d − 1)²/2 of weight 4 and d − 1 of weight 2 (odd d): 2d(d − 1) qubit incidences, each of
        // the d² qubits on one or two, so d² − 2d bonds (bulk) and 2d fields (the left and right edges).
        var (model, matrix) = Surface(d, 0.1);
        var glass = CosetSpinGlass.RotatedSurface(matrix, d, ContractionLimits.Default);
        var syndrome = new DemSampler(model).Sample(1, 3).DetectionEvents;
        var rbim = glass.Model(syndrome, 1)!;
        Assert.Equal((d * d - 1) / 2, rbim.NumSpins);
        Assert.Equal(d * d - 2 * d, rbim.Bonds);
        Assert.Equal(2 * d, rbim.Fields);
        Assert.Equal(0, rbim.Constants + rbim.ManySpinTerms);
        Assert.Equal(rbim.Representative.Count(b => b != 0), rbim.AntiferromagneticBonds + rbim.NegativeFields);
        Assert.All(rbim.Terms, t => Assert.Equal(0.5 * Math.Log(0.9 / 0.1) * (rbim.Representative[t.Qubit] != 0 ? -1 : 1), t.Coupling, 1e-15));
    }

    [Fact]
    public void Per_mechanism_priors_give_per_qubit_couplings()
    {
        // The d = 3 model with a different p on every qubit: J_q = ½ ln((1 − p_q)/p_q), still the tn decoder's weights.
        string text = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1).ToString();
        int q = 0;
        var lines = text.Split('\n').Select(l => l.StartsWith("error(0.1)", StringComparison.Ordinal) ? $"error({0.02 + 0.04 * q++:0.00}){l["error(0.1)".Length..]}" : l);
        var model = DetectorErrorModel.Parse(string.Join('\n', lines));
        var matrix = CheckMatrix.From(model);
        var glass = CosetSpinGlass.RotatedSurface(matrix, 3, ContractionLimits.Default);
        Assert.Equal(0.5 * Math.Log(0.98 / 0.02), glass.Couplings[0], 1e-12);
        Assert.Equal(0.5 * Math.Log(0.66 / 0.34), glass.Couplings[8], 1e-12);
        foreach (var (_, syndrome, weights) in EveryD3SyndromeAgainstTn(model, glass))
        {
            Assert.Equal(CosetOracles.Enumerate(matrix, syndrome), weights, (a, b) => Math.Abs(a - b) < Tolerance);
        }
    }

    [Fact]
    public void A_redundant_generator_is_divided_out()
    {
        // A fifth spin, the product of plaquettes 0 and 1: every S is reached twice, so Z doubles and the offset takes ln 2 back.
        var (model, matrix) = Surface(3, 0.1);
        var plaquettes = RotatedSurfacePlaquettes.XType(3).Select(x => x.Qubits).ToList();
        plaquettes.Add([.. plaquettes[0].Concat(plaquettes[1]).GroupBy(x => x).Where(g => g.Count() == 1).Select(g => g.Key).Order()]);
        var glass = new CosetSpinGlass(matrix, plaquettes, ContractionLimits.Default);
        Assert.Equal(5, glass.NumSpins);
        foreach (var (_, syndrome, weights) in EveryD3SyndromeAgainstTn(model, glass))
        {
            Assert.Equal(CosetOracles.Enumerate(matrix, syndrome), weights, (a, b) => Math.Abs(a - b) < Tolerance);
        }
    }

    [Theory]
    [InlineData("single", "stabilizer generator 4 (qubits 0) flips detector D1: it is not an undetectable error of this model")]
    [InlineData("column", "stabilizer generator 4 (qubits 0 3 6) flips observable L0: it is a logical operator, not a stabilizer")]
    [InlineData("missing", "the 3 stabilizer generators span 2^3 errors, but the model has 2^4 undetectable, logically trivial errors (9 mechanisms, rank of detectors and observables 5): the spin sum would miss part of every coset")]
    [InlineData("outside", "stabilizer generator 4 acts on qubit 9; the model has 9 error mechanisms")]
    public void Generators_that_do_not_fit_the_model_are_refused_by_name(string kind, string message)
    {
        var (_, matrix) = Surface(3, 0.1);
        var plaquettes = RotatedSurfacePlaquettes.XType(3).Select(x => x.Qubits).ToList();
        switch (kind)
        {
            case "single": plaquettes.Add([0]); break;
            case "column": plaquettes.Add([0, 3, 6]); break;  // the left column: an X logical
            case "missing": plaquettes.RemoveAt(0); break;
            default: plaquettes.Add([9]); break;
        }
        var e = Assert.Throws<ArgumentException>(() => new CosetSpinGlass(matrix, plaquettes, ContractionLimits.Default));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_model_of_another_distance_is_refused()
    {
        var (_, matrix) = Surface(3, 0.1);
        var e = Assert.Throws<ArgumentException>(() => CosetSpinGlass.RotatedSurface(matrix, 5, ContractionLimits.Default));
        Assert.Equal("a distance-5 rotated surface code under bit flips has 25 error mechanisms (one per data qubit); the model has 9", e.Message);
    }

    [Fact]
    public void A_network_over_the_limits_is_refused_with_its_cost()
    {
        var (_, matrix) = Surface(5, 0.1);
        var e = Assert.Throws<ArgumentException>(() => CosetSpinGlass.RotatedSurface(matrix, 5, new ContractionLimits(16, 1e6)));
        Assert.StartsWith("the Ising network of this model (12 spins, 25 qubits): contracting it needs 2^", e.Message, StringComparison.Ordinal);
    }

    private static (DetectorErrorModel Model, CheckMatrix Matrix) Surface(int d, double p)
    {
        var model = CodeGenerators.RotatedSurfaceCode(d, 1, NoiseModel.CodeCapacity, p);
        return (model, CheckMatrix.From(model));
    }

    private static TnDecoder TnDecoder(DetectorErrorModel model) =>
        ((TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Empty)).CreateDecoder();

    /// <summary>
    /// Every syndrome of a d = 3 model (4 detectors) with the RBIM's ln W per class, after asserting that its
    /// P(c | s) equals the tn decoder's.
    /// </summary>
    private static IEnumerable<(int Bits, byte[] Syndrome, double[] LogWeights)> EveryD3SyndromeAgainstTn(DetectorErrorModel model, CosetSpinGlass glass)
    {
        var rbim = new SpinGlassCosets(glass);
        var tn = TnDecoder(model);
        for (int s = 0; s < 16; s++)
        {
            var syndrome = SpinEnumeration.Syndrome(s, 4);
            var weights = new double[2];
            rbim.Solve(syndrome, weights);
            tn.Decode(syndrome, new byte[1]);
            AssertSameProbabilities(tn.LogClassWeights, weights, $"syndrome {s}");
            yield return (s, syndrome, weights);
        }
    }

    private static void AssertSameProbabilities(ReadOnlySpan<double> tnLogWeights, double[] rbimLogWeights, string context)
    {
        var tn = SpinGlassCosets.Posterior(tnLogWeights);
        var rbim = SpinGlassCosets.Posterior(rbimLogWeights);
        for (int c = 0; c < tn.Length; c++)
        {
            Assert.True(Math.Abs(tn[c] - rbim[c]) < Tolerance, $"{context}, class {c}: P(c | s) {rbim[c]} from the RBIM, {tn[c]} from tn");
        }
    }

    /// <summary>Row parities of <paramref name="matrix"/>·e, row r at bit r.</summary>
    private static long Parities(SparseBinaryMatrix matrix, IReadOnlyList<byte> error)
    {
        long bits = 0;
        for (int r = 0; r < matrix.Rows; r++)
        {
            int parity = 0;
            foreach (int q in matrix.RowEntries(r))
            {
                parity ^= error[q];
            }
            bits |= (long)parity << r;
        }
        return bits;
    }
}
