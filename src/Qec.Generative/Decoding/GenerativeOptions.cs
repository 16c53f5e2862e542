using Qec.Core.Decoding;
using Qec.Gpu;

namespace Qec.Generative.Decoding;

/// <summary>How the decoder picks the logical class from q(ℓ | syndrome).</summary>
public enum ClassSearch
{
    /// <summary><c>search=exact</c>: scores all 2^k classes by log q and takes the argmax (the default for k ≤ <see cref="GenerativeOptions.ExactMaxObservables"/>).</summary>
    Exact,

    /// <summary><c>search=greedy</c>: ℓ_i = [q(ℓ_i = 1 | ℓ_&lt;i, s) &gt; ½] bit by bit, one forward pass (the default above that).</summary>
    Greedy,
}

/// <summary>
/// Options of the <c>gen</c> decoder: <c>model=PATH</c> (required: a weights file written by <c>qecd train gen</c>, or
/// several joined by '+', <c>model=a.st+b.st</c>, an ensemble whose class probabilities are averaged),
/// <c>search=exact|greedy</c>, <c>precision=f32|f64</c> (arithmetic of inference, default f32) and <c>device</c>
/// (batches on an ILGPU accelerator, as the other decoders' option). Unknown options are refused by name.
/// An ensemble needs the exact search and the CPU.
/// </summary>
/// <param name="ModelPaths">The weights files (one, or the members of an ensemble).</param>
/// <param name="Search">Class search; null: exact for k ≤ <see cref="ExactMaxObservables"/>, else greedy.</param>
/// <param name="DoublePrecision">Inference in float64 instead of float32.</param>
/// <param name="Device">Where batches are decoded.</param>
public sealed record GenerativeOptions(IReadOnlyList<string> ModelPaths, ClassSearch? Search = null, bool DoublePrecision = false, ComputeDevice Device = ComputeDevice.Cpu)
{
    /// <summary>Option keys.</summary>
    public const string ModelKey = "model", SearchKey = "search", PrecisionKey = "precision";

    /// <summary>Largest k for which the default search scores all 2^k classes.</summary>
    public const int ExactMaxObservables = 4;

    /// <summary>Largest k that <c>search=exact</c> accepts.</summary>
    public const int ExactLimit = 12;

    private static readonly string[] Known = [ModelKey, SearchKey, PrecisionKey, ComputeDevices.Key];

    /// <summary>Separator of an ensemble's weights files in <c>model=</c>.</summary>
    public const char MemberSeparator = '+';

    /// <summary>True for an ensemble (several weights files).</summary>
    public bool IsEnsemble => ModelPaths.Count > 1;

    /// <summary>The search used for <paramref name="observables"/> logical bits.</summary>
    public ClassSearch SearchFor(int observables) => Search ?? DefaultSearch(observables);

    /// <summary>The default search: exact for k ≤ <see cref="ExactMaxObservables"/>, else greedy.</summary>
    public static ClassSearch DefaultSearch(int observables) =>
        observables <= ExactMaxObservables ? ClassSearch.Exact : ClassSearch.Greedy;

    /// <summary>Parses and validates; throws <see cref="ArgumentException"/> naming a missing, bad or unknown option.</summary>
    public static GenerativeOptions Parse(DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (string key in options.Values.Keys)
        {
            if (Array.IndexOf(Known, key) < 0)
            {
                throw new ArgumentException($"gen: unknown decoder option '{key}'; known options are {string.Join(", ", Known)}");
            }
        }
        if (!options.Values.TryGetValue(ModelKey, out var path) || path.Length == 0)
        {
            throw new ArgumentException($"gen: decoder option {ModelKey}=PATH is required (a weights file written by 'qecd train gen'), e.g. gen:{ModelKey}=model.st");
        }
        ClassSearch? search = options.Values.TryGetValue(SearchKey, out var s)
            ? s switch
            {
                "exact" => ClassSearch.Exact,
                "greedy" => ClassSearch.Greedy,
                _ => throw new ArgumentException($"gen: decoder option {SearchKey}={s}: expected exact or greedy"),
            }
            : null;
        bool f64 = options.Values.TryGetValue(PrecisionKey, out var p)
            ? p switch
            {
                "f32" or "float32" => false,
                "f64" or "float64" => true,
                _ => throw new ArgumentException($"gen: decoder option {PrecisionKey}={p}: expected f32 or f64"),
            }
            : false;
        var device = ComputeDevice.Cpu;
        if (options.Values.TryGetValue(ComputeDevices.Key, out var d))
        {
            int match = Array.FindIndex(ComputeDevices.Names, n => n.Name == d);
            device = match >= 0 ? ComputeDevices.Names[match].Device
                : throw new ArgumentException($"gen: decoder option {ComputeDevices.Key}={d}: expected one of {string.Join(", ", ComputeDevices.Names.Select(n => n.Name))}");
        }
        string[] paths = path.Split(MemberSeparator, StringSplitOptions.TrimEntries);
        if (Array.IndexOf(paths, "") >= 0)
        {
            throw new ArgumentException($"gen: decoder option {ModelKey}={path}: an empty weights file name; an ensemble is written {ModelKey}=a.st{MemberSeparator}b.st");
        }
        if (paths.Length > 1 && search == ClassSearch.Greedy)
        {
            throw new ArgumentException($"gen: an ensemble ({ModelKey}={path}) averages the probabilities of every class: it needs {SearchKey}=exact, not greedy");
        }
        if (paths.Length > 1 && device != ComputeDevice.Cpu)
        {
            throw new ArgumentException($"gen: an ensemble ({ModelKey}={path}) runs on the CPU; option {ComputeDevices.Key}={d} serves one model");
        }
        return new GenerativeOptions(paths, search, f64, device);
    }
}
