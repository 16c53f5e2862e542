using Qec.Core.Graphs;

namespace Qec.TensorNetwork.Tests.Decoding;

/// <summary>Independent ways to the class weights W(c | s) = Σ_{He = s, Le = c} P(e), for the tests.</summary>
internal static class CosetOracles
{
    /// <summary>
    /// Enumerates every error: mechanisms in consecutive groups of <paramref name="group"/> (the X, Y, Z
    /// mechanisms of one qubit under depolarizing noise) are first collapsed into their distinct joint
    /// effects with summed probability (a qubit's net Pauli), then all combinations of the groups are
    /// visited. ln W per class (−∞ when empty).
    /// </summary>
    public static double[] Enumerate(CheckMatrix matrix, byte[] syndrome, int group = 1)
    {
        int n = matrix.NumMechanisms, k = matrix.Observables.Rows;
        var target = Pack(matrix.Detectors.Rows, syndrome);
        var detectorMask = Columns(matrix.Detectors, n);
        var observableMask = Columns(matrix.Observables, n);
        var effects = new List<List<(ulong Detectors, ulong Observables, double P)>>();
        for (int g = 0; g < n; g += group)
        {
            var joint = new Dictionary<(ulong, ulong), double>();
            for (int combo = 0; combo < 1 << group; combo++)
            {
                ulong d = 0, o = 0;
                double p = 1;
                for (int i = 0; i < group; i++)
                {
                    bool flipped = ((combo >> i) & 1) != 0;
                    p *= flipped ? matrix.Priors[g + i] : 1 - matrix.Priors[g + i];
                    d ^= flipped ? detectorMask[g + i] : 0;
                    o ^= flipped ? observableMask[g + i] : 0;
                }
                Add(joint, (d, o), p);
            }
            effects.Add([.. joint.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value))]);
        }
        var weights = new double[1 << k];
        void Visit(int g, ulong d, ulong o, double p)
        {
            if (g == effects.Count)
            {
                if (d == target)
                {
                    weights[ClassIndex(o, k)] += p;
                }
                return;
            }
            foreach (var (ed, eo, ep) in effects[g])
            {
                Visit(g + 1, d ^ ed, o ^ eo, p * ep);
            }
        }
        Visit(0, 0, 0, 1);
        return [.. weights.Select(w => w > 0 ? Math.Log(w) : double.NegativeInfinity)];
    }

    /// <summary>
    /// A transfer over the mechanisms in index order with the state kept as a dictionary from (detector
    /// parities, observable parities) to probability, a detector dropped (states disagreeing with its
    /// syndrome bit discarded) after the last mechanism that flips it. Exact; no tensor anywhere.
    /// </summary>
    public static double[] Transfer(CheckMatrix matrix, byte[] syndrome)
    {
        int n = matrix.NumMechanisms, m = matrix.Detectors.Rows, k = matrix.Observables.Rows;
        var target = Pack(m, syndrome);
        var detectorMask = Columns(matrix.Detectors, n);
        var observableMask = Columns(matrix.Observables, n);
        var last = new int[m];
        Array.Fill(last, -1);
        for (int j = 0; j < n; j++)
        {
            foreach (int c in matrix.Detectors.ColumnEntries(j))
            {
                last[c] = j;
            }
        }
        var state = new Dictionary<(ulong Detectors, ulong Observables), double> { [(0, 0)] = 1 };
        // Detectors no mechanism flips must read 0.
        for (int c = 0; c < m; c++)
        {
            if (last[c] < 0 && ((target >> c) & 1) != 0)
            {
                return [.. Enumerable.Repeat(double.NegativeInfinity, 1 << k)];
            }
        }
        for (int j = 0; j < n; j++)
        {
            var next = new Dictionary<(ulong, ulong), double>();
            foreach (var ((d, o), p) in state)
            {
                Add(next, (d, o), p * (1 - matrix.Priors[j]));
                Add(next, (d ^ detectorMask[j], o ^ observableMask[j]), p * matrix.Priors[j]);
            }
            ulong closing = 0;
            foreach (int c in matrix.Detectors.ColumnEntries(j))
            {
                closing |= last[c] == j ? 1UL << c : 0;
            }
            state = next.Where(kv => ((kv.Key.Item1 ^ target) & closing) == 0).ToDictionary(kv => kv.Key, kv => kv.Value);
        }
        var weights = new double[1 << k];
        foreach (var ((_, o), p) in state)
        {
            weights[ClassIndex(o, k)] += p;
        }
        return [.. weights.Select(w => w > 0 ? Math.Log(w) : double.NegativeInfinity)];
    }

    /// <summary>Class index as the decoder numbers classes: observable o at bit o.</summary>
    public static int ClassIndex(ulong observables, int k)
    {
        int c = 0;
        for (int o = 0; o < k; o++)
        {
            c |= (int)((observables >> o) & 1) << o;
        }
        return c;
    }

    private static void Add(Dictionary<(ulong, ulong), double> map, (ulong, ulong) key, double p) =>
        map[key] = map.TryGetValue(key, out double q) ? q + p : p;

    private static ulong[] Columns(SparseBinaryMatrix matrix, int n)
    {
        var masks = new ulong[n];
        for (int j = 0; j < n; j++)
        {
            foreach (int r in matrix.ColumnEntries(j))
            {
                masks[j] ^= 1UL << r;
            }
        }
        return masks;
    }

    private static ulong Pack(int bits, byte[] packed)
    {
        ulong value = 0;
        for (int c = 0; c < bits; c++)
        {
            value |= (ulong)((packed[c >> 3] >> (c & 7)) & 1) << c;
        }
        return value;
    }
}
