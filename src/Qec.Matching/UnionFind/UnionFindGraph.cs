using Qec.Core.Graphs;

namespace Qec.Matching.UnionFind;

/// <summary>
/// The immutable, decoder-ready form of a <see cref="MatchingGraph"/>: flat edge arrays, integer
/// growth lengths (<see cref="EdgeLengths"/>) and an adjacency that stores each neighbour beside
/// its edge and length (<see cref="HalfEdge"/>), so the growth loop streams through it. Shared by every decoder
/// instance compiled from the same model.
/// </summary>
internal sealed class UnionFindGraph
{
    /// <summary>Builds the arrays of <paramref name="graph"/> with lengths at the given resolution.</summary>
    public UnionFindGraph(MatchingGraph graph, int resolution)
    {
        NumDetectors = graph.NumDetectors;
        NumObservables = graph.NumObservables;
        ObservableWords = graph.ObservableWords;
        Resolution = resolution;
        var edges = graph.Edges;
        NumEdges = edges.Length;
        EdgeA = new int[NumEdges];
        EdgeB = new int[NumEdges];
        Weight = new double[NumEdges];
        Observables = new ulong[NumEdges * ObservableWords];
        for (int e = 0; e < NumEdges; e++)
        {
            EdgeA[e] = edges[e].A;
            EdgeB[e] = edges[e].B;
            Weight[e] = edges[e].Weight;
            graph.EdgeObservables(e).CopyTo(Observables.AsSpan(e * ObservableWords, ObservableWords));
        }
        Length = EdgeLengths.Of(Weight, resolution);

        AdjacencyStart = new int[NumDetectors + 1];
        for (int n = 0; n < NumDetectors; n++)
        {
            AdjacencyStart[n + 1] = AdjacencyStart[n] + graph.EdgesOf(n).Length;
        }
        Adjacency = new HalfEdge[AdjacencyStart[NumDetectors]];
        for (int n = 0; n < NumDetectors; n++)
        {
            int k = AdjacencyStart[n];
            foreach (int e in graph.EdgesOf(n))
            {
                Adjacency[k++] = new HalfEdge(EdgeA[e] == n ? EdgeB[e] : EdgeA[e], e, Length[e]);
            }
        }
    }

    /// <summary>Detector nodes (the boundary is not a node here).</summary>
    public int NumDetectors { get; }

    /// <summary>Logical observables.</summary>
    public int NumObservables { get; }

    /// <summary>64-bit words per observable mask.</summary>
    public int ObservableWords { get; }

    /// <summary>Half-lengths of the heaviest edge (see <see cref="EdgeLengths"/>).</summary>
    public int Resolution { get; }

    /// <summary>Number of merged edges.</summary>
    public int NumEdges { get; }

    /// <summary>First endpoint of each edge (a detector).</summary>
    public int[] EdgeA { get; }

    /// <summary>Second endpoint of each edge, or <see cref="MatchingGraph.Boundary"/>.</summary>
    public int[] EdgeB { get; }

    /// <summary>ln((1-p)/p) of each edge, as in the matching graph.</summary>
    public double[] Weight { get; }

    /// <summary>Even integer growth length of each edge, ≥ 2.</summary>
    public int[] Length { get; }

    /// <summary>Observable masks, <see cref="ObservableWords"/> words per edge.</summary>
    public ulong[] Observables { get; }

    /// <summary>CSR row starts: node n's incident edges are at [start[n], start[n+1]).</summary>
    public int[] AdjacencyStart { get; }

    /// <summary>Incident edges, seen from each detector, in CSR order.</summary>
    public HalfEdge[] Adjacency { get; }
}
