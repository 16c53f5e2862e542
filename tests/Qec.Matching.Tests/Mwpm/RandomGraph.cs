namespace Qec.Matching.Tests.Mwpm;

/// <summary>A small random matching graph with integer weights (so PyMatching's C is 1 and integer weights are 2w).</summary>
internal sealed record RandomGraph(int NumNodes, int NumObservables, List<(int A, int B, int W, ulong[] Obs)> Edges)
{
    public int Words => Math.Max(1, (NumObservables + 63) / 64);

    /// <summary>
    /// Random graph: nodes split into 1–3 components (chains plus random chords so most are
    /// connected), boundary edges with probability <paramref name="boundaryRate"/> per node, weights in
    /// [minWeight, maxWeight], no parallel edges, random observable masks.
    /// </summary>
    public static RandomGraph Make(Random rng, int numNodes, int numObservables, double boundaryRate, int minWeight,
        int maxWeight, int extraEdges)
    {
        int words = Math.Max(1, (numObservables + 63) / 64);
        var edges = new List<(int, int, int, ulong[])>();
        var seen = new HashSet<(int, int)>();
        int components = 1 + rng.Next(Math.Min(3, numNodes));
        int[] comp = new int[numNodes];
        for (int i = 0; i < numNodes; i++)
        {
            comp[i] = rng.Next(components);
        }
        ulong[] Obs()
        {
            var o = new ulong[words];
            for (int k = 0; k < numObservables; k++)
            {
                if (rng.Next(4) == 0)
                {
                    o[k >> 6] |= 1UL << (k & 63);
                }
            }
            return o;
        }
        void Add(int a, int b)
        {
            var key = b < 0 ? (a, -1) : (Math.Min(a, b), Math.Max(a, b));
            if (a == b || !seen.Add(key))
            {
                return;
            }
            edges.Add((a, b, rng.Next(minWeight, maxWeight + 1), Obs()));
        }
        for (int c = 0; c < components; c++)
        {
            int prev = -1;
            for (int i = 0; i < numNodes; i++)
            {
                if (comp[i] != c)
                {
                    continue;
                }
                if (prev >= 0 && rng.Next(6) != 0)
                {
                    Add(prev, i);
                }
                prev = i;
            }
        }
        for (int k = 0; k < extraEdges; k++)
        {
            int a = rng.Next(numNodes), b = rng.Next(numNodes);
            if (comp[a] == comp[b])
            {
                Add(a, b);
            }
        }
        for (int i = 0; i < numNodes; i++)
        {
            if (rng.NextDouble() < boundaryRate)
            {
                Add(i, -1);
            }
        }
        // Shuffle the edge order: it fixes the neighbour order, hence tie-breaking.
        for (int i = edges.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (edges[i], edges[j]) = (edges[j], edges[i]);
        }
        return new RandomGraph(numNodes, numObservables, edges);
    }

    /// <summary>The graph as the decoder's input graph (integer weights, so C = 1).</summary>
    public Qec.Matching.Mwpm.Driver.UserGraph ToUserGraph()
    {
        var ug = new Qec.Matching.Mwpm.Driver.UserGraph(NumNodes, NumObservables);
        foreach (var (a, b, w, obs) in Edges)
        {
            ug.AddOrMergeEdge(a, b, w, obs);
        }
        return ug;
    }

    /// <summary>A random set of distinct detection events in random order.</summary>
    public static int[] Events(Random rng, int numNodes, int maxEvents)
    {
        int k = rng.Next(Math.Min(maxEvents, numNodes) + 1);
        var all = Enumerable.Range(0, numNodes).OrderBy(_ => rng.Next()).Take(k).ToArray();
        return all;
    }
}
