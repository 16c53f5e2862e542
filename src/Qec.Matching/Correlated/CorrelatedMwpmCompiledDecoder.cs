using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Mwpm;
using Qec.Matching.Mwpm.Driver;
using Qec.Matching.Mwpm.Flooder;
using Qec.Matching.Mwpm.SmallShots;

namespace Qec.Matching.Correlated;

/// <summary>
/// A model compiled for correlated matching (<c>mwpm</c> with <c>correlations=true</c>): the matching
/// graph built exactly as plain <c>mwpm</c> builds it, except that the normalising constant C also
/// counts the implied weights (as PyMatching's correlated loader does), plus the implied-weight
/// rules of the model's '^' decompositions, the pairs whose only shortest path has one or two edges (pass
/// one's paths without a search), and (at most <see cref="ShortestPathTable.MaxNodes"/>
/// detectors) the shortest-path table that answers pass one of small shots. Immutable and shared by
/// every decoder created from it.
/// </summary>
public sealed class CorrelatedMwpmCompiledDecoder : ICompiledDecoder
{
    private readonly FloodGraph _graph;
    private readonly ImpliedWeightTable _rules;
    private readonly ShortestPathTable? _shortestPaths;
    private readonly ShortUniquePaths _shortPaths;

    private CorrelatedMwpmCompiledDecoder(FloodGraph graph, ImpliedWeightTable rules, int decomposedErrors)
    {
        _graph = graph;
        _rules = rules;
        _shortestPaths = ShortestPathTable.TryBuild(graph);
        _shortPaths = ShortUniquePaths.Build(graph);
        DecomposedErrors = decomposedErrors;
        Note = decomposedErrors == 0
            ? "note: the detector error model has no '^' decompositions, so correlated matching (correlations=true) runs as plain matching"
            : null;
    }

    /// <summary>Compiles a detector error model (repeat blocks are flattened).</summary>
    public static CorrelatedMwpmCompiledDecoder FromDem(DetectorErrorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromDem(model.Flatten());
    }

    /// <summary>Compiles a flattened detector error model. Throws for p &gt; 0.5, undecomposed hyperedges, or more than 64 observables.</summary>
    public static CorrelatedMwpmCompiledDecoder FromDem(FlatDetectorErrorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.NumObservables > 64)
        {
            throw new ArgumentException(
                $"correlated matching (correlations=true) supports at most 64 observables; the model has {model.NumObservables}");
        }
        var joint = JointProbabilities.FromDem(model);
        var user = UserGraph.FromDem(model);
        var implied = joint.ImpliedWeights();
        var extra = new double[implied.Count];
        for (int i = 0; i < extra.Length; i++)
        {
            extra[i] = implied[i].Weight;
        }
        double c = user.NormalisingConstantC(extra);
        var graph = user.ToFloodGraph(extra);
        return new CorrelatedMwpmCompiledDecoder(graph, ImpliedWeightTable.Build(graph, implied, c), joint.DecomposedErrors);
    }

    /// <inheritdoc/>
    public string Name => MwpmDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors => _graph.NumNodes;

    /// <inheritdoc/>
    public int NumObservables => _graph.NumObservables;

    /// <summary>Errors of the model with more than one '^' component.</summary>
    public int DecomposedErrors { get; }

    /// <summary>Number of implied-weight rules (ordered pairs of correlated edges).</summary>
    public int RuleCount => _rules.Count;

    /// <summary>A remark for the user (no decompositions: runs as plain matching), or null.</summary>
    public string? Note { get; }

    /// <summary>2C: integer weights divided by this are in ln((1-p)/p) units.</summary>
    public double NormalisingConstant => _graph.NormalisingConstant;

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <summary>A fresh decoder instance with its own scratch memory and its own copy of the weights.</summary>
    public CorrelatedMwpmDecoder CreateDecoder() => CreateDecoder(useShortestPathTable: true);

    /// <summary>
    /// A fresh decoder; without the table every shot runs sparse blossom, without the short unique
    /// paths every pass-one path is searched (for tests and A/B timing).
    /// </summary>
    internal CorrelatedMwpmDecoder CreateDecoder(bool useShortestPathTable, bool useShortPaths = true) =>
        new(_graph, _rules, useShortestPathTable ? _shortestPaths : null, useShortPaths ? _shortPaths : null);
}
