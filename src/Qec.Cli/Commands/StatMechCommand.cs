using System.CommandLine;
using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Generators;
using Qec.Core.Graphs;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding;
using Qec.TensorNetwork.StatMech;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd statmech rbim --distance D --p P [--syndrome 0101…|--seed S]</c>: the spin-glass view of maximum-likelihood
/// decoding (Dennis, Kitaev, Landahl &amp; Preskill 2002, sec. IV). For each logical class of a syndrome of the
/// bit-flip rotated surface code it builds the random-bond Ising model of the coset, contracts its partition
/// function and prints ln Z, the free energy and P(c | s) next to the <c>tn</c> decoder's (exact mode); it exits 1
/// when the two differ by more than <see cref="Tolerance"/>.
/// </summary>
public static class StatMechCommand
{
    /// <summary>Largest |P_RBIM(c | s) − P_tn(c | s)| accepted: both are exact contractions of the same sum.</summary>
    internal const double Tolerance = 1e-9;

    /// <summary>
    /// Largest distance: the tn decoder's parity network (the comparison) holds ~2^d states at its widest and is
    /// refused by its default limits from d = 25 (d = 23: ~5 s, 0.5 GB); the RBIM's own network (2D, treewidth
    /// ~d/2) stays far cheaper.
    /// </summary>
    private const int MaxDistance = 23;

    /// <summary>Builds the <c>statmech</c> command group.</summary>
    public static Command Create(CliConsole console) =>
        StatMechLearning.LearningCli.AddTo(new("statmech", "statistical mechanics of decoding") { Rbim(console) }, console);

    private static Command Rbim(CliConsole console)
    {
        var distance = new Option<int>("--distance", "-d") { Description = "distance of the rotated surface code (bit flips, code capacity)", Required = true };
        var p = new Option<double>("--p") { Description = "bit-flip probability, 0 < p < 0.5", Required = true };
        var syndrome = new Option<string>("--syndrome", "-s") { Description = "detection events, one 0/1 per Z check, D0 first (default: sampled)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the sampled error when no --syndrome is given (default 1)" };
        var command = new Command("rbim", "the random-bond Ising model of each logical class of a syndrome: its partition function is the coset probability") { distance, p, syndrome, seed };
        command.SetAction(parse => console.Guard(() =>
        {
            int d = parse.GetValue(distance);
            double prob = parse.GetValue(p);
            string? given = parse.GetValue(syndrome);
            ulong? seedValue = parse.GetValue(seed);
            Validate(d, prob, given, seedValue);
            var model = CodeGenerators.RotatedSurfaceCode(d, 1, NoiseModel.CodeCapacity, prob);
            var matrix = CheckMatrix.From(model);
            int m = matrix.Detectors.Rows;
            byte[] shot;
            string origin;
            if (given is not null)
            {
                shot = ParseSyndrome(given, m, d);
                origin = "given";
            }
            else
            {
                var (dets, obs) = new DemSampler(model).Sample(1, seedValue ?? 1);
                shot = dets;
                origin = $"sampled at seed {seedValue ?? 1}; the sampled error is in class {obs[0] & 1}";
            }
            var glass = CosetSpinGlass.RotatedSurface(matrix, d, ContractionLimits.Default);
            var tn = ((TnCompiledDecoder)new TnDecoderFactory().Compile(model, DecoderOptions.Empty)).CreateDecoder();
            var output = console.Out;
            output.WriteLine(Invariant($"code:        rotated surface code d={d}, bit flips p = {prob}: {d * d} qubits, {m} Z checks (the detectors), L0 = bottom row"));
            output.WriteLine($"syndrome:    {Format(shot, m)} ({origin})");
            var classes = new SpinGlassCosets(glass).Classes(shot);
            tn.Decode(shot, new byte[1]);
            StatMechReport.Print(output, glass, classes);
            return StatMechReport.Compare(output, console.Error, classes, tn.LogClassWeights);
        }));
        return command;
    }

    private static void Validate(int d, double p, string? syndrome, ulong? seed)
    {
        if (d < 2 || d > MaxDistance)
        {
            throw new ArgumentException($"--distance {d}: the rotated surface code needs 2 ≤ d ≤ {MaxDistance} here (the tn decoder's exact network, the comparison, grows as 2^d)");
        }
        if (!(p > 0 && p < 0.5))
        {
            throw new ArgumentException(Invariant($"--p {p}: expected 0 < p < 0.5 (so that J = ½ ln((1 − p)/p) > 0)"));
        }
        if (syndrome is not null && seed is not null)
        {
            throw new ArgumentException("give --syndrome or --seed, not both (--seed samples the syndrome)");
        }
    }

    /// <summary>Detector c is character c; packed b8. Throws naming a wrong length or the first character that is not 0 or 1.</summary>
    internal static byte[] ParseSyndrome(string text, int detectors, int distance)
    {
        if (text.Length != detectors)
        {
            throw new ArgumentException($"--syndrome '{text}' has {text.Length} characters; the d={distance} code has {detectors} detectors (Z checks)");
        }
        var packed = new byte[(detectors + 7) >> 3];
        for (int c = 0; c < detectors; c++)
        {
            int bit = text[c] switch
            {
                '0' => 0,
                '1' => 1,
                char bad => throw new ArgumentException($"--syndrome '{text}' has '{bad}' at position {c}; only 0 and 1 are allowed"),
            };
            packed[c >> 3] |= (byte)(bit << (c & 7));
        }
        return packed;
    }

    private static string Format(byte[] packed, int detectors) =>
        string.Create(detectors, packed, (chars, bits) =>
        {
            for (int c = 0; c < chars.Length; c++)
            {
                chars[c] = ((bits[c >> 3] >> (c & 7)) & 1) != 0 ? '1' : '0';
            }
        });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
