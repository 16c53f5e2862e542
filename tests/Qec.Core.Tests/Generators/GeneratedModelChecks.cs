using Qec.Core.Dem;

namespace Qec.Core.Tests.Generators;

/// <summary>
/// Independent checks of a generated model, straight from its flattened targets: graph-likeness,
/// the code distance by breadth-first search, and by brute force over small error sets.
/// </summary>
internal static class GeneratedModelChecks
{
    /// <summary>One '^' component of an error: its detectors (each named an odd number of times) and L0 parity.</summary>
    public readonly record struct Component(int[] Detectors, bool FlipsL0);

    public static List<Component> Components(FlatDetectorErrorModel model, int error)
    {
        var result = new List<Component>();
        var detectors = new List<int>();
        bool flips = false;
        foreach (var t in model.Targets(error))
        {
            if (t.Kind == DemTargetKind.Separator)
            {
                result.Add(new Component(detectors.ToArray(), flips));
                detectors.Clear();
                flips = false;
            }
            else if (t.Kind == DemTargetKind.Detector && !detectors.Remove((int)t.Index))
            {
                detectors.Add((int)t.Index);
            }
            else if (t.Kind == DemTargetKind.Observable)
            {
                flips ^= t.Index == 0;
            }
        }
        result.Add(new Component(detectors.ToArray(), flips));
        return result;
    }

    /// <summary>
    /// The fewest components that flip L0 and no detector. Each component is an edge between its
    /// two detectors (or a detector and the boundary node) labelled by its L0 parity; an undetectable
    /// set has even degree at every node, i.e. is a union of cycles, so the answer is the shortest
    /// closed walk of odd L0 parity: BFS on (node, parity) from (v, 0) to (v, 1), minimised over v.
    /// </summary>
    public static int DistanceByBfs(FlatDetectorErrorModel model)
    {
        int boundary = model.NumDetectors, nodes = model.NumDetectors + 1;
        var adjacency = new List<(int To, int Parity)>[nodes];
        for (int v = 0; v < nodes; v++)
        {
            adjacency[v] = [];
        }
        for (int e = 0; e < model.NumErrors; e++)
        {
            foreach (var c in Components(model, e))
            {
                int a = c.Detectors.Length > 0 ? c.Detectors[0] : boundary;
                int b = c.Detectors.Length > 1 ? c.Detectors[1] : boundary;
                adjacency[a].Add((b, c.FlipsL0 ? 1 : 0));
                adjacency[b].Add((a, c.FlipsL0 ? 1 : 0));
            }
        }
        int best = int.MaxValue;
        var distance = new int[nodes * 2];
        var queue = new Queue<int>();
        for (int start = 0; start < nodes; start++)
        {
            Array.Fill(distance, -1);
            distance[start * 2] = 0;
            queue.Enqueue(start * 2);
            while (queue.Count > 0)
            {
                int state = queue.Dequeue();
                int node = state / 2, parity = state % 2;
                foreach (var (to, p) in adjacency[node])
                {
                    int next = to * 2 + (parity ^ p);
                    if (distance[next] < 0)
                    {
                        distance[next] = distance[state] + 1;
                        queue.Enqueue(next);
                    }
                }
            }
            if (distance[start * 2 + 1] > 0)
            {
                best = Math.Min(best, distance[start * 2 + 1]);
            }
        }
        return best;
    }

    /// <summary>
    /// Brute force over sets of whole errors (≤ 64 detectors): the size of the smallest set flipping
    /// L0 and no detector, or -1 if none has at most <paramref name="maxSize"/> errors.
    /// </summary>
    public static int DistanceByBruteForce(FlatDetectorErrorModel model, int maxSize)
    {
        var syndromes = new ulong[model.NumErrors];
        var flips = new bool[model.NumErrors];
        for (int e = 0; e < model.NumErrors; e++)
        {
            foreach (var c in Components(model, e))
            {
                foreach (int d in c.Detectors)
                {
                    syndromes[e] ^= 1UL << d;
                }
                flips[e] ^= c.FlipsL0;
            }
        }
        for (int size = 1; size <= maxSize; size++)
        {
            if (Search(syndromes, flips, 0, size, 0, false))
            {
                return size;
            }
        }
        return -1;
    }

    private static bool Search(ulong[] syndromes, bool[] flips, int from, int left, ulong syndrome, bool flipped)
    {
        if (left == 0)
        {
            return syndrome == 0 && flipped;
        }
        for (int e = from; e <= syndromes.Length - left; e++)
        {
            if (Search(syndromes, flips, e + 1, left - 1, syndrome ^ syndromes[e], flipped ^ flips[e]))
            {
                return true;
            }
        }
        return false;
    }
}
