using System.Globalization;
using Qec.Cli.Commands;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Core.Sampling;
using Qec.TensorNetwork.StatMech;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>qecd statmech rbim</c>: the printed coset probabilities equal an enumeration of all 2^9 errors of the d = 3
/// code (to 1e-12), the RBIM and tn columns agree, a sampled syndrome names its seed, bad input is one line, and
/// a disagreement beyond 1e-9 exits non-zero.
/// </summary>
public sealed class StatMechRbimCommandTests
{
    [Theory]
    [InlineData("0101")]
    [InlineData("0000")]
    [InlineData("1111")]
    public void A_given_d3_syndrome_prints_the_enumerated_coset_probabilities_from_both_sides(string syndrome)
    {
        var (code, output, error) = CliRunner.Run("statmech", "rbim", "--distance", "3", "--p", "0.1", "--syndrome", syndrome);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains($"syndrome:    {syndrome} (given)\n", output, StringComparison.Ordinal);
        Assert.Contains("RBIM:        4 spins (X plaquettes), 3 bonds (qubits on two plaquettes), 6 fields (on one: the left and right edges); J = ½ ln((1 − p)/p) = 1.0986122887, β = 1 (the Nishimori line)\n", output, StringComparison.Ordinal);
        Assert.Contains("\nnetwork:     9 Boltzmann-weight tensors over 4 spin labels; 2^", output, StringComparison.Ordinal);
        Assert.Matches(@"agreement:   max \|P_RBIM − P_tn\| = [0-9.E+-]+ ≤ 1E-9: the coset probabilities are the RBIM partition functions\n", output);
        var expected = EnumeratedPosterior(syndrome, 0.1);
        for (int c = 0; c < 2; c++)
        {
            var (rbim, tn) = PrintedProbabilities(output, c);
            Assert.Equal(expected[c], rbim, 1e-12);
            Assert.Equal(expected[c], tn, 1e-12);
        }
        int ml = expected[1] > expected[0] ? 1 : 0;
        Assert.Contains($"ML class:    {ml} (P = ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_syndrome_it_samples_one_at_the_seed_and_says_so()
    {
        var (code, output, error) = CliRunner.Run("statmech", "rbim", "-d", "5", "--p", "0.15", "--seed", "7");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var model = CodeGenerators.RotatedSurfaceCode(5, 1, NoiseModel.CodeCapacity, 0.15);
        var (dets, obs) = new DemSampler(model).Sample(1, 7);
        string bits = new([.. Enumerable.Range(0, 12).Select(c => ((dets[c >> 3] >> (c & 7)) & 1) != 0 ? '1' : '0')]);
        Assert.Contains($"syndrome:    {bits} (sampled at seed 7; the sampled error is in class {obs[0] & 1})\n", output, StringComparison.Ordinal);
        Assert.Contains("RBIM:        12 spins (X plaquettes), 15 bonds", output, StringComparison.Ordinal);
        Assert.Contains("agreement:   max |P_RBIM − P_tn| = ", output, StringComparison.Ordinal);

        var (_, fallback, _) = CliRunner.Run("statmech", "rbim", "-d", "3", "--p", "0.1");
        Assert.Contains("(sampled at seed 1; ", fallback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--syndrome", "010", "qecd: --syndrome '010' has 3 characters; the d=3 code has 4 detectors (Z checks)\n")]
    [InlineData("--syndrome", "01x1", "qecd: --syndrome '01x1' has 'x' at position 2; only 0 and 1 are allowed\n")]
    [InlineData("--distance", "1", "qecd: --distance 1: the rotated surface code needs 2 ≤ d ≤ 23 here (the tn decoder's exact network, the comparison, grows as 2^d)\n")]
    [InlineData("--distance", "24", "qecd: --distance 24: the rotated surface code needs 2 ≤ d ≤ 23 here (the tn decoder's exact network, the comparison, grows as 2^d)\n")]
    [InlineData("--p", "0", "qecd: --p 0: expected 0 < p < 0.5 (so that J = ½ ln((1 − p)/p) > 0)\n")]
    [InlineData("--p", "0.5", "qecd: --p 0.5: expected 0 < p < 0.5 (so that J = ½ ln((1 − p)/p) > 0)\n")]
    [InlineData("--p", "-0.1", "qecd: --p -0.1: expected 0 < p < 0.5 (so that J = ½ ln((1 − p)/p) > 0)\n")]
    [InlineData("--p", "NaN", "qecd: --p NaN: expected 0 < p < 0.5 (so that J = ½ ln((1 − p)/p) > 0)\n")]
    [InlineData("--seed", "3", "qecd: give --syndrome or --seed, not both (--seed samples the syndrome)\n")]
    public void Bad_input_is_one_clear_line(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--distance"] = "3", ["--p"] = "0.1", ["--syndrome"] = "0101" };
        args[option] = value;  // --seed joins the default --syndrome
        var (code, output, error) = CliRunner.Run(["statmech", "rbim", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_missing_distance_is_refused_by_the_parser()
    {
        var (code, _, error) = CliRunner.Run("statmech", "rbim", "--p", "0.1");
        Assert.Equal(1, code);
        Assert.Contains("--distance", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Probabilities_that_differ_beyond_the_tolerance_exit_non_zero()
    {
        var matrix = CheckMatrix.From(CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1));
        var glass = CosetSpinGlass.RotatedSurface(matrix, 3, TensorNetwork.Contraction.ContractionLimits.Default);
        var classes = new SpinGlassCosets(glass).Classes([0b1010]);
        double[] same = [classes[0].LogWeight, classes[1].LogWeight];
        double[] off = [classes[0].LogWeight + 1e-6, classes[1].LogWeight];  // P shifts by ~1e-7
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, StatMechReport.Compare(output, error, classes, same));
        Assert.Equal("", error.ToString());
        Assert.Equal(1, StatMechReport.Compare(output, error, classes, off));
        Assert.Matches(@"^qecd: the RBIM's coset probabilities differ from the tn decoder's by 1\.[0-9]+E-07, more than 1E-9\n$", error.ToString());
    }

    /// <summary>P(c | s) by enumerating all 2^9 bit-flip errors of the d = 3 code: no tensor network, no spins.</summary>
    private static double[] EnumeratedPosterior(string syndrome, double p)
    {
        var matrix = CheckMatrix.From(CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, p));
        int target = Enumerable.Range(0, 4).Sum(c => (syndrome[c] - '0') << c);
        var weights = new double[2];
        for (int e = 0; e < 1 << 9; e++)
        {
            int detectors = 0, observable = 0;
            double probability = 1;
            for (int q = 0; q < 9; q++)
            {
                bool flipped = ((e >> q) & 1) != 0;
                probability *= flipped ? p : 1 - p;
                if (flipped)
                {
                    foreach (int c in matrix.Detectors.ColumnEntries(q))
                    {
                        detectors ^= 1 << c;
                    }
                    observable ^= matrix.Observables.ColumnEntries(q).Length;
                }
            }
            weights[observable & 1] += detectors == target ? probability : 0;
        }
        return [weights[0] / weights.Sum(), weights[1] / weights.Sum()];
    }

    /// <summary>The RBIM and tn columns of the probability row of class <paramref name="c"/>.</summary>
    private static (double Rbim, double Tn) PrintedProbabilities(string output, int c)
    {
        var lines = output.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("class  P(c|s) RBIM", StringComparison.Ordinal));
        var fields = lines[header + 1 + c].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(c.ToString(CultureInfo.InvariantCulture), fields[0]);
        return (double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
