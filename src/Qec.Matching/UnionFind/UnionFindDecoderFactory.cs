using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.Matching.UnionFind;

/// <summary>
/// The weighted union-find decoder "uf" (Delfosse &amp; Nickerson, arXiv:1709.06218; weighted growth
/// as in Huang, Newman &amp; Brown, arXiv:2004.04693): odd clusters grow along integer-length edges
/// until every cluster is even or touches the boundary, then a peeling decoder finds a correction
/// inside each cluster. Fast and approximate: the correction is valid but not always of minimum weight.
/// </summary>
/// <remarks>
/// Option <c>resolution</c> (integer 1 … 2^20, default 8): the heaviest edge is
/// <c>resolution</c> half-edges long, lighter edges proportionally shorter (at least one
/// half-edge); 1 gives the unweighted algorithm. See <see cref="EdgeLengths"/>.
/// </remarks>
public sealed class UnionFindDecoderFactory : IDecoderFactory
{
    /// <summary>The registry name.</summary>
    public const string DecoderName = "uf";

    /// <summary>The option key of the growth resolution.</summary>
    public const string ResolutionOption = "resolution";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <inheritdoc/>
    public string Description => "weighted union-find (Delfosse-Nickerson cluster growth + peeling): fast, approximate matching";

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compile(MatchingGraph.From(model), options);
    }

    /// <summary>Compiles for an already built matching graph.</summary>
    public ICompiledDecoder Compile(MatchingGraph graph, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        int resolution = options.GetInt(ResolutionOption, EdgeLengths.DefaultResolution);
        if (resolution < 1 || resolution > EdgeLengths.MaxResolution)
        {
            throw new ArgumentException(
                $"decoder option {ResolutionOption}={resolution}: expected an integer from 1 to {EdgeLengths.MaxResolution}");
        }
        return new UnionFindCompiledDecoder(new UnionFindGraph(graph, resolution));
    }
}
