using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Generative;
using Qec.Matching;
using Qec.TensorNetwork;

namespace Qec.Bench.Generative;

/// <summary>The decoders and models of the gen bench commands: a registry with mwpm, uf, tn and gen; the models the tables are trained for.</summary>
internal static class GenDecoders
{
    private static readonly DecoderRegistry Registry =
        GenerativeDecoders.Register(TensorNetworkDecoders.Register(MatchingDecoders.Register(new DecoderRegistry())));

    /// <summary>Compiles <c>NAME(:KEY=VALUE)*</c> for <paramref name="model"/>.</summary>
    public static ICompiledDecoder Compile(string spec, DetectorErrorModel model)
    {
        string[] parts = spec.Split(':');
        return Registry.Get(parts[0]).Compile(model, DecoderOptions.Parse(parts[1..]));
    }

    /// <summary>Rotated surface code, code-capacity depolarizing noise (as <c>qecd gen surface --rounds 1 --noise depolarizing</c>).</summary>
    public static DetectorErrorModel CodeCapacity(int d, double p) => CodeGenerators.RotatedSurfaceCode(d, 1, NoiseModel.CodeCapacityDepolarizing, p);

    /// <summary>File stem of a code-capacity model: cc_d3_p0.10.</summary>
    public static string CodeCapacityName(int d, double p) => string.Create(CultureInfo.InvariantCulture, $"cc_d{d}_p{p:0.00}");

    /// <summary>
    /// Two independent patches of <see cref="CodeCapacity"/> (k = 2): the model's text, <c>shift_detectors D</c>, and the
    /// text again with L0 renamed L1 — the same text <c>cat a.dem; echo shift_detectors D; sed s/L0/L1/ a.dem</c> gives.
    /// </summary>
    public static DetectorErrorModel TwoPatches(int d, double p)
    {
        var one = CodeCapacity(d, p);
        string text = one.ToString();
        return DetectorErrorModel.Parse($"{text}\nshift_detectors {one.NumDetectors}\n{text.Replace("L0", "L1", StringComparison.Ordinal)}", "two-patches");
    }

    /// <summary>
    /// The weights file <c>DIR/NAME.st</c>, or a <see cref="BenchArgsException"/> saying how to train it. Folders joined by
    /// '+' (<c>--models a+b</c>) give an ensemble: <c>a/NAME.st+b/NAME.st</c>, the <c>gen</c> decoder's <c>model=</c> syntax.
    /// </summary>
    public static string ModelPath(string folders, string name, string dem) =>
        string.Join('+', folders.Split('+').Select(folder =>
        {
            string path = Path.Combine(folder, name + ".st");
            return File.Exists(path)
                ? path
                : throw new BenchArgsException($"gen: no model {path}; train it with: qecd train gen --dem {dem} --out {path} --base mwpm (see bench/RESULTS.md for the settings)");
        }));
}
