using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.SmallShots;

namespace Qec.Matching.Mwpm;

/// <summary>
/// The sparse-blossom matching graph of one model: discretized with PyMatching's exact rules,
/// immutable and shared by every <see cref="MwpmDecoder"/> created from it (thread-safe). Graphs of
/// at most <see cref="ShortestPathTable.MaxNodes"/> detectors also get a shortest-path table, from
/// which shots with few events are matched without sparse blossom (<see cref="SmallShotMatcher"/>).
/// </summary>
public sealed class MwpmCompiledDecoder : ICompiledDecoder
{
    private readonly FloodGraph _graph;
    private readonly ShortestPathTable? _shortestPaths;

    private MwpmCompiledDecoder(FloodGraph graph)
    {
        _graph = graph;
        _shortestPaths = ShortestPathTable.TryBuild(graph);
    }

    /// <summary>Compiles a detector error model (repeat blocks are flattened) as PyMatching loads it.</summary>
    public static MwpmCompiledDecoder FromDem(DetectorErrorModel model) => FromDem(model.Flatten());

    /// <summary>Compiles a flattened detector error model.</summary>
    public static MwpmCompiledDecoder FromDem(FlatDetectorErrorModel model) => new(UserGraph.FromDem(model).ToFloodGraph());

    /// <summary>
    /// Compiles an already merged <see cref="MatchingGraph"/>. Its merged weights are ln of the merged
    /// probability, which can differ from PyMatching's weight-space merge in the last bits; use
    /// <see cref="FromDem(DetectorErrorModel)"/> for bit-exact agreement with PyMatching.
    /// </summary>
    public static MwpmCompiledDecoder FromMatchingGraph(MatchingGraph graph) =>
        new(UserGraph.FromMatchingGraph(graph).ToFloodGraph());

    internal static MwpmCompiledDecoder FromUserGraph(UserGraph graph) => new(graph.ToFloodGraph());

    /// <inheritdoc/>
    public string Name => MwpmDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors => _graph.NumNodes;

    /// <inheritdoc/>
    public int NumObservables => _graph.NumObservables;

    /// <summary>2C: integer weights divided by this are in ln((1-p)/p) units.</summary>
    public double NormalisingConstant => _graph.NormalisingConstant;

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <summary>A fresh decoder instance with its own scratch memory.</summary>
    public MwpmDecoder CreateDecoder() => CreateDecoder(useShortestPathTable: true);

    /// <summary>A fresh decoder; without the table every shot runs sparse blossom (for tests and A/B timing).</summary>
    internal MwpmDecoder CreateDecoder(bool useShortestPathTable) => new(
        new SparseBlossomEngine(_graph, useShortestPathTable ? _shortestPaths : null),
        _graph.NumObservables);
}
