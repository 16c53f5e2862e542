namespace Qec.Core.Graphs;

/// <summary>
/// One merged edge of a <see cref="MatchingGraph"/>: between detectors A and B, or from A to the
/// boundary when B is <see cref="MatchingGraph.Boundary"/>. Invariant: A &lt; B unless B is the boundary.
/// </summary>
/// <param name="A">First detector.</param>
/// <param name="B">Second detector, or <see cref="MatchingGraph.Boundary"/> (-1).</param>
/// <param name="Probability">Probability that an odd number of the merged mechanisms fired.</param>
/// <param name="Weight">ln((1-p)/p); negative when p &gt; 0.5.</param>
public readonly record struct MatchingEdge(int A, int B, double Probability, double Weight)
{
    /// <summary>True when the edge goes to the boundary.</summary>
    public bool IsBoundary => B == MatchingGraph.Boundary;
}
