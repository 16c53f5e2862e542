namespace Qec.Matching.UnionFind;

/// <summary>
/// One adjacency slot of a detector: the edge seen from that detector. Neighbour, edge index and
/// growth length sit together so the growth loop reads the adjacency as one sequential stream.
/// </summary>
/// <param name="Node">The other endpoint, or <see cref="Qec.Core.Graphs.MatchingGraph.Boundary"/>.</param>
/// <param name="Edge">Index of the edge in the graph.</param>
/// <param name="Length">The edge's growth length (see <see cref="EdgeLengths"/>).</param>
internal readonly record struct HalfEdge(int Node, int Edge, int Length);
