using System.Globalization;
using System.Text;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Matching.UnionFind;

namespace Qec.Matching.Tests;

/// <summary>Small graphs as DEM text, syndromes of error sets, and an independent check of a correction.</summary>
internal static class UnionFindTestGraphs
{
    /// <summary>
    /// A random graph-like DEM over <paramref name="nodes"/> detectors: a random spanning structure
    /// of <paramref name="edges"/> detector pairs (parallel pairs allowed, they merge), boundary edges
    /// with probability <paramref name="boundaryChance"/> per node, random observables L0..L2.
    /// Probabilities are drawn from [pLow, pHigh].
    /// </summary>
    public static DetectorErrorModel RandomModel(Random rng, int nodes, int edges, double boundaryChance,
        double pLow = 0.001, double pHigh = 0.2)
    {
        var text = new StringBuilder();
        for (int i = 0; i < edges; i++)
        {
            int a = rng.Next(nodes), b = rng.Next(nodes - 1);
            if (b >= a)
            {
                b++;
            }
            AppendError(text, rng, Draw(rng, pLow, pHigh), $"D{a} D{b}");
        }
        for (int n = 0; n < nodes; n++)
        {
            if (rng.NextDouble() < boundaryChance)
            {
                AppendError(text, rng, Draw(rng, pLow, pHigh), $"D{n}");
            }
        }
        AppendDeclarations(text, nodes, 3);
        return DetectorErrorModel.Parse(text.ToString());
    }

    /// <summary>
    /// A chain D0 - D1 - … - D(n-1) with probability <paramref name="p"/> on every edge, and boundary
    /// edges on the left and/or right end. Observable L0 is flipped by the left boundary edge (or, with
    /// no left boundary, by the first edge).
    /// </summary>
    public static DetectorErrorModel Chain(int nodes, double p, bool leftBoundary, bool rightBoundary)
    {
        var text = new StringBuilder();
        string p1 = p.ToString("R", CultureInfo.InvariantCulture);
        if (leftBoundary)
        {
            text.Append($"error({p1}) D0 L0\n");
        }
        for (int n = 0; n + 1 < nodes; n++)
        {
            text.Append($"error({p1}) D{n} D{n + 1}{(n == 0 && !leftBoundary ? " L0" : "")}\n");
        }
        if (rightBoundary)
        {
            text.Append($"error({p1}) D{nodes - 1}\n");
        }
        AppendDeclarations(text, nodes, 1);
        return DetectorErrorModel.Parse(text.ToString());
    }

    /// <summary>Packed detection events (b8) of an error set given as edge indices of <paramref name="graph"/>.</summary>
    public static byte[] SyndromeOf(MatchingGraph graph, IEnumerable<int> errorEdges)
    {
        var dets = new byte[(graph.NumDetectors + 7) / 8];
        foreach (int e in errorEdges)
        {
            var edge = graph.Edges[e];
            dets[edge.A >> 3] ^= (byte)(1 << (edge.A & 7));
            if (!edge.IsBoundary)
            {
                dets[edge.B >> 3] ^= (byte)(1 << (edge.B & 7));
            }
        }
        return dets;
    }

    /// <summary>
    /// Checks a correction independently of the decoder: edges are distinct, the odd-degree detectors
    /// of the correction (the boundary ignored) are exactly the detection events, the prediction is the
    /// XOR of the edges' observable masks and the weight is their summed weight (1e-9 relative).
    /// </summary>
    public static void AssertValidCorrection(MatchingGraph graph, ReadOnlySpan<byte> detectionEvents,
        ReadOnlySpan<int> correction, ReadOnlySpan<byte> prediction, double weight, string context)
    {
        var seen = new HashSet<int>();
        var parity = new byte[(graph.NumDetectors + 7) / 8];
        var mask = new ulong[graph.ObservableWords];
        double expectedWeight = 0;
        foreach (int e in correction)
        {
            Assert.True(seen.Add(e), $"{context}: edge {e} appears twice in the correction");
            var edge = graph.Edges[e];
            parity[edge.A >> 3] ^= (byte)(1 << (edge.A & 7));
            if (!edge.IsBoundary)
            {
                parity[edge.B >> 3] ^= (byte)(1 << (edge.B & 7));
            }
            var obs = graph.EdgeObservables(e);
            for (int w = 0; w < mask.Length; w++)
            {
                mask[w] ^= obs[w];
            }
            expectedWeight += edge.Weight;
        }
        for (int i = 0; i < parity.Length; i++)
        {
            Assert.True(parity[i] == detectionEvents[i],
                $"{context}: correction boundary differs from the detection events in byte {i}: {parity[i]:X2} vs {detectionEvents[i]:X2}");
        }
        for (int k = 0; k < graph.NumObservables; k++)
        {
            int expected = (int)(mask[k / 64] >> (k % 64)) & 1;
            int actual = (prediction[k >> 3] >> (k & 7)) & 1;
            Assert.True(expected == actual, $"{context}: observable {k} predicted {actual}, XOR of correction masks is {expected}");
        }
        Assert.True(Math.Abs(weight - expectedWeight) <= 1e-9 * Math.Max(1, Math.Abs(expectedWeight)),
            $"{context}: reported weight {weight}, correction weighs {expectedWeight}");
    }

    /// <summary>Decodes one shot through the public interface and checks it with <see cref="AssertValidCorrection"/>; returns the weight.</summary>
    public static double DecodeAndCheck(MatchingGraph graph, IDecoder decoder, ReadOnlySpan<byte> detectionEvents, string context)
    {
        var prediction = new byte[Math.Max(1, decoder.ObservableBytes)];
        double weight = decoder.DecodeDetailed(detectionEvents, prediction).Weight;
        AssertValidCorrection(graph, detectionEvents, ((UnionFindDecoder)decoder).LastCorrection, prediction, weight, context);
        return weight;
    }

    /// <summary>A decoder for <paramref name="model"/> at the given resolution (the default when null).</summary>
    public static IDecoder DecoderFor(DetectorErrorModel model, int? resolution = null) =>
        new UnionFindDecoderFactory().Compile(model, resolution is int r
            ? DecoderOptions.Parse([$"{UnionFindDecoderFactory.ResolutionOption}={r}"])
            : DecoderOptions.Empty).CreateDecoder();

    private static double Draw(Random rng, double low, double high) => low + (high - low) * rng.NextDouble();

    private static void AppendError(StringBuilder text, Random rng, double p, string detectors)
    {
        text.Append("error(").Append(p.ToString("R", CultureInfo.InvariantCulture)).Append(") ").Append(detectors);
        for (int k = 0; k < 3; k++)
        {
            if (rng.NextDouble() < 0.3)
            {
                text.Append(" L").Append(k);
            }
        }
        text.Append('\n');
    }

    private static void AppendDeclarations(StringBuilder text, int nodes, int observables)
    {
        for (int n = 0; n < nodes; n++)
        {
            text.Append("detector D").Append(n).Append('\n');
        }
        for (int k = 0; k < observables; k++)
        {
            text.Append("logical_observable L").Append(k).Append('\n');
        }
    }
}
