using Qec.Core.Decoding;

namespace Qec.Matching.UnionFind;

/// <summary>The union-find decoder compiled for one model: the immutable graph, shared by all instances.</summary>
internal sealed class UnionFindCompiledDecoder(UnionFindGraph graph) : ICompiledDecoder
{
    /// <summary>The compiled graph.</summary>
    public UnionFindGraph Graph { get; } = graph;

    /// <inheritdoc/>
    public string Name => UnionFindDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors => Graph.NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => Graph.NumObservables;

    /// <inheritdoc/>
    public IDecoder CreateDecoder() => new UnionFindDecoder(Graph);
}
