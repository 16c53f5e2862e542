using Qec.Core.Dem;

namespace Qec.Matching.Correlated;

/// <summary>
/// The correlations a decomposed detector error model implies between matching-graph edges
/// (Fowler, arXiv:1310.0863 §II; PyMatching 2.3's correlated loader). Every error
/// <c>error(p) A ^ B ^ …</c> is one mechanism that flips all its components together, so for
/// each pair of components (A, B) it adds p to the probability that A and B both occur, and to
/// the marginal of each component. Mechanisms combine as independent events:
/// P ← P(1 − p) + p(1 − P). The implied ("conditional") probability of B once A is known to
/// have occurred is P(A, B) / P(A), capped at 1/2 so its weight ln((1 − q)/q) stays ≥ 0.
/// Edges are keyed (low node, high node) with the boundary as <see cref="Boundary"/>.
/// Built once per compiled model; not on the decoding path.
/// </summary>
internal sealed class JointProbabilities
{
    /// <summary>The boundary's node id in edge keys (sorts after every detector, as PyMatching's SIZE_MAX does).</summary>
    public const int Boundary = int.MaxValue;

    private readonly Dictionary<(int, int), Dictionary<(int, int), double>> _joint = [];

    private JointProbabilities()
    {
    }

    /// <summary>Number of errors with more than one component (the model's '^' decompositions).</summary>
    public int DecomposedErrors { get; private set; }

    /// <summary>
    /// Reads the errors of a flattened model. Throws, naming the error, for what correlated
    /// matching cannot use: p &gt; 1/2, a component with more than two detectors (undecomposed
    /// hyperedge), or an empty component inside a decomposition.
    /// </summary>
    public static JointProbabilities FromDem(FlatDetectorErrorModel model)
    {
        var jp = new JointProbabilities();
        var components = new List<(int, int)>(8);
        for (int error = 0; error < model.NumErrors; error++)
        {
            double p = model.Probability(error);
            if (p > 0.5)
            {
                throw new ArgumentException(
                    $"error {error} has probability {p} > 0.5: correlated matching (correlations=true) needs p ≤ 0.5");
            }
            if (p == 0)
            {
                continue;
            }
            components.Clear();
            var targets = model.Targets(error);
            int a = -1, b = -1, count = 0;
            bool separator = false;
            for (int i = 0; i <= targets.Length; i++)
            {
                bool end = i == targets.Length;
                if (end || targets[i].Kind == DemTargetKind.Separator)
                {
                    if (count == 0)
                    {
                        if (separator || !end)
                        {
                            throw new ArgumentException(
                                $"error {error} (p={p}) has a decomposition component with no detector; correlated matching cannot use it");
                        }
                        break; // an undetectable error that is not decomposed: ignored, as plain matching does
                    }
                    components.Add(b < 0 ? (a, Boundary) : (Math.Min(a, b), Math.Max(a, b)));
                    separator |= !end;
                    a = b = -1;
                    count = 0;
                    continue;
                }
                if (targets[i].Kind != DemTargetKind.Detector)
                {
                    continue;
                }
                if (count == 2)
                {
                    throw new ArgumentException(
                        $"error {error} (p={p}) has a component with more than 2 detectors; correlated matching needs " +
                        "graph-like components: decompose errors with '^' (stim analyze_errors --decompose_errors)");
                }
                if (count == 0)
                {
                    a = (int)targets[i].Index;
                }
                else
                {
                    b = (int)targets[i].Index;
                }
                count++;
            }
            jp.Add(components, p);
        }
        return jp;
    }

    /// <summary>Independent-event combination: the probability that exactly one of two events occurs.</summary>
    public static double Xor(double p1, double p2) => p1 * (1 - p2) + p2 * (1 - p1);

    private void Add(List<(int, int)> components, double p)
    {
        if (components.Count > 1)
        {
            DecomposedErrors++;
            for (int i = 0; i < components.Count; i++)
            {
                for (int j = i + 1; j < components.Count; j++)
                {
                    Accumulate(components[i], components[j], p);
                    Accumulate(components[j], components[i], p);
                }
            }
        }
        foreach (var c in components)
        {
            Accumulate(c, c, p);
        }
    }

    private void Accumulate((int, int) causal, (int, int) affected, double p)
    {
        if (!_joint.TryGetValue(causal, out var row))
        {
            row = [];
            _joint[causal] = row;
        }
        row[affected] = Xor(row.GetValueOrDefault(affected), p);
    }

    /// <summary>
    /// The implied weights: for each causal edge, every other edge sharing a mechanism with it and
    /// ln((1 − q)/q) with q = min(1/2, P(causal, other) / P(causal)). Edges of zero marginal are skipped.
    /// </summary>
    public List<((int, int) Causal, (int, int) Affected, double Weight)> ImpliedWeights()
    {
        var rules = new List<((int, int), (int, int), double)>();
        foreach (var (causal, row) in _joint)
        {
            double marginal = row.GetValueOrDefault(causal);
            if (marginal == 0)
            {
                continue;
            }
            foreach (var (affected, joint) in row)
            {
                if (affected == causal)
                {
                    continue;
                }
                double q = Math.Min(0.5, joint / marginal);
                rules.Add((causal, affected, Math.Log((1 - q) / q)));
            }
        }
        return rules;
    }
}
