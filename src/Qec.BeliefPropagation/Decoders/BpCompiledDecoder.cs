using Qec.BeliefPropagation.Gpu;
using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Graphs;
using Qec.Gpu;

namespace Qec.BeliefPropagation.Decoders;

/// <summary>
/// A BP-family decoder compiled for one model: the Tanner graph and the parsed options, immutable and
/// shared by every <see cref="BpDecoder"/> made from it. Disposing it frees the device memory of its GPU
/// batch path (the server does so when the last session using it closes).
/// </summary>
public sealed class BpCompiledDecoder : ICompiledDecoder, IDisposable
{
    /// <summary>Most edges (ones of H) a model may have: 2^25, so one decoder's message arrays stay under 512 MiB.</summary>
    public const long MaxEdges = 1L << 25;

    /// <summary>Most bits of the OSD matrix (detectors × mechanisms) for bposd: 2^31, 256 MiB per decoder.</summary>
    public const long MaxOsdMatrixBits = 1L << 31;

    private BpCompiledDecoder(TannerGraph graph, BpDecoderOptions options)
    {
        Graph = graph;
        Options = options;
        var accelerator = ComputeDevices.Open(options.Device, BpDecoderOptions.NameOf(options.Kind));
        Gpu = accelerator is null ? null : new GpuBatchDecoder(this, accelerator);
    }

    /// <summary>The factor graph.</summary>
    public TannerGraph Graph { get; }

    /// <summary>The options it was compiled with.</summary>
    public BpDecoderOptions Options { get; }

    /// <summary>The batch path on an ILGPU accelerator (option <c>device</c>), or null for the plain C# path.</summary>
    public GpuBatchDecoder? Gpu { get; }

    /// <inheritdoc/>
    public string Name => BpDecoderOptions.NameOf(Options.Kind);

    /// <inheritdoc/>
    public int NumDetectors => Graph.NumChecks;

    /// <inheritdoc/>
    public int NumObservables => Graph.NumObservables;

    /// <summary>
    /// Compiles a check matrix. Throws <see cref="ArgumentException"/> when an observable is flipped by
    /// no mechanism or the model exceeds <see cref="MaxEdges"/> (or <see cref="MaxOsdMatrixBits"/> for bposd).
    /// </summary>
    public static BpCompiledDecoder Compile(CheckMatrix matrix, BpDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        string name = BpDecoderOptions.NameOf(options.Kind);
        if (matrix.Detectors.NonZeros > MaxEdges)
        {
            throw new ArgumentException($"{name}: the model's check matrix has {matrix.Detectors.NonZeros} ones; the limit is {MaxEdges}");
        }
        long bits = (long)matrix.Detectors.Rows * matrix.NumMechanisms;
        if (options.Kind == BpDecoderKind.BpOsd && bits > MaxOsdMatrixBits)
        {
            throw new ArgumentException(
                $"bposd: {matrix.Detectors.Rows} detectors × {matrix.NumMechanisms} mechanisms = {bits} bits of OSD matrix; the limit is {MaxOsdMatrixBits}");
        }
        return new BpCompiledDecoder(TannerGraph.From(matrix), options);
    }

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <inheritdoc/>
    public void Dispose() => Gpu?.Dispose();

    /// <summary>A fresh decoder with its own working memory.</summary>
    public BpDecoder CreateDecoder() => new(this);
}
