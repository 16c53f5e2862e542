using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Gpu;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Decoding;

/// <summary>How class weights are computed.</summary>
public enum TnMode
{
    /// <summary><c>mode=exact</c> (default): contract the whole parity network (any DEM within the cost limit).</summary>
    Exact,

    /// <summary><c>mode=boundary</c>: boundary-MPS contraction with bond dimension χ (planar codes, any distance).</summary>
    Boundary,

    /// <summary><c>mode=pruned</c>: exact mode's sweep with only the <c>states</c> heaviest frontier states kept (any DEM; a lower bound per class, the gap bounded).</summary>
    Pruned,
}

/// <summary>
/// Options of the <c>tn</c> decoder: <c>mode=exact|boundary|pruned</c>, <c>chi</c> (bond dimension of boundary
/// mode, default 8), <c>states</c> (frontier states pruned mode keeps, default 1024), <c>max_flops</c> and <c>max_elements</c> (the exact contraction's cost limit, defaults
/// 2^32 multiply-adds and 2^26 elements of workspace), <c>device</c> (exact and boundary modes' batches on an
/// ILGPU accelerator: cpu, gpu, auto, cuda, opencl, ilgpu-cpu). Unknown options are refused by name.
/// </summary>
/// <param name="Mode">Exact or boundary MPS.</param>
/// <param name="Chi">Bond dimension χ of the boundary MPS.</param>
/// <param name="Limits">Largest exact contraction accepted.</param>
/// <param name="Device">Where exact and boundary modes decode batches (<c>device</c>, as the BP family's; default cpu).</param>
/// <param name="States">Frontier states pruned mode keeps after each step.</param>
public sealed record TnOptions(TnMode Mode, int Chi, ContractionLimits Limits, ComputeDevice Device = ComputeDevice.Cpu, int States = TnOptions.DefaultStates)
{
    /// <summary>Option keys.</summary>
    public const string ModeKey = "mode", ChiKey = "chi", MaxFlopsKey = "max_flops", MaxElementsKey = "max_elements", StatesKey = "states";

    /// <summary>Default χ: boundary MPS at d = 9 is converged there to ~1e-6 in the log class weights (bench/RESULTS.md).</summary>
    public const int DefaultChi = 8;

    /// <summary>Default frontier states of pruned mode (bench/RESULTS.md: converged on the d = 3 and d = 5 circuit-level reference DEMs).</summary>
    public const int DefaultStates = 1024;

    private static readonly string[] Known = [ModeKey, ChiKey, StatesKey, MaxFlopsKey, MaxElementsKey, ComputeDevices.Key,
        StreamingOptions.WindowKey, StreamingOptions.CommitKey, StreamingOptions.DetectorsPerRoundKey, StreamingOptions.DistanceKey];

    /// <summary>Parses and validates; throws <see cref="ArgumentException"/> naming a bad or unknown option.</summary>
    public static TnOptions Parse(DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (string key in options.Values.Keys)
        {
            if (Array.IndexOf(Known, key) < 0)
            {
                throw new ArgumentException($"tn: unknown decoder option '{key}'; known options are {ModeKey}, {ChiKey}, {StatesKey}, {MaxFlopsKey}, {MaxElementsKey}, {ComputeDevices.Key}");
            }
        }
        var mode = options.Values.TryGetValue(ModeKey, out var m)
            ? m switch
            {
                "exact" => TnMode.Exact,
                "boundary" or "mps" => TnMode.Boundary,
                "pruned" => TnMode.Pruned,
                _ => throw new ArgumentException($"tn: decoder option {ModeKey}={m}: expected exact, boundary or pruned"),
            }
            : TnMode.Exact;
        int chi = options.GetInt(ChiKey, DefaultChi);
        if (chi < 1)
        {
            throw new ArgumentException($"tn: decoder option {ChiKey}={chi}: the bond dimension must be at least 1");
        }
        int states = options.GetInt(StatesKey, DefaultStates);
        if (states < 1)
        {
            throw new ArgumentException($"tn: decoder option {StatesKey}={states}: pruned mode must keep at least 1 state");
        }
        var limits = ContractionLimits.Default;
        double flops = Positive(options, MaxFlopsKey, limits.MaxFlops), elements = Positive(options, MaxElementsKey, limits.MaxElements);
        var device = ComputeDevice.Cpu;
        if (options.Values.TryGetValue(ComputeDevices.Key, out var d))
        {
            var match = ComputeDevices.Names.Where(n => n.Name == d).ToArray();
            device = match.Length == 1 ? match[0].Device
                : throw new ArgumentException($"tn: decoder option {ComputeDevices.Key}={d}: expected one of {string.Join(", ", ComputeDevices.Names.Select(n => n.Name))}");
            if (mode == TnMode.Pruned && device != ComputeDevice.Cpu)
            {
                throw new ArgumentException($"tn: decoder option {ComputeDevices.Key}={d}: the GPU path contracts exact and boundary modes' networks; pruned mode runs on the CPU");
            }
        }
        return new TnOptions(mode, chi, new ContractionLimits(flops, elements), device, states);
    }

    private static double Positive(DecoderOptions options, string key, double fallback)
    {
        double value = options.GetDouble(key, fallback);
        return value > 0 ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"tn: decoder option {key}={value}: expected a positive number"));
    }
}
