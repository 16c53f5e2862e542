using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Gpu;
using Qec.TensorNetwork.Gpu;
using Qec.TensorNetwork.Planar;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// The <c>tn</c> decoder: maximum-likelihood decoding by tensor-network contraction — the likeliest
/// logical class, summing the probabilities of all equivalent errors (the accuracy ceiling of every other
/// decoder here). Exact mode contracts the parity network of any DEM within a cost limit (hyperedges
/// too); boundary mode contracts planar codes of any distance with a boundary MPS of bond dimension χ;
/// pruned mode sweeps any DEM keeping only the heaviest frontier states (circuit-level DEMs beyond exact mode).
/// </summary>
public sealed class TnDecoderFactory : IDecoderFactory
{
    /// <summary>The registry name.</summary>
    public const string DecoderName = "tn";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <inheritdoc/>
    public string Description => "maximum-likelihood decoding by tensor-network contraction (exact within a cost limit; boundary MPS with bond dimension chi for planar codes; pruned sweep keeping the heaviest states for any DEM)";

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = TnOptions.Parse(options);
        var matrix = CheckMatrix.From(model);
        if (parsed.Mode == TnMode.Exact)
        {
            return TnCompiledDecoder.CompileExact(matrix, parsed);
        }
        if (parsed.Mode == TnMode.Pruned)
        {
            return TnCompiledDecoder.CompilePruned(matrix, parsed);
        }
        BoundaryMpsCosets cosets;
        try
        {
            cosets = BoundaryMpsCosets.Compile(model, parsed.Chi);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"tn (mode=boundary): {e.Message}", e);
        }
        // Each decoder instance gets its own buffers over the one compiled sweep; batches may go to an accelerator.
        var accelerator = ComputeDevices.Open(parsed.Device, DecoderName);
        var gpu = accelerator is null ? null : new GpuBoundaryBatch(cosets, accelerator);
        return TnCompiledDecoder.Compile(matrix, parsed, default, () => new BoundaryCosets(cosets.CreateSibling()), gpu);
    }
}
