using System.Buffers.Binary;
using System.Numerics;
using Qec.Core.Decoding;

namespace Qec.Matching.UnionFind;

/// <summary>
/// One union-find decoder instance: reads a packed shot, seeds one cluster per detection event,
/// grows (<see cref="ClusterGrowth"/>), peels (<see cref="Peeler"/>) and XORs the observable masks
/// of the correction. Owns all its scratch; allocation-free per shot; not thread-safe.
/// </summary>
internal sealed class UnionFindDecoder : IDecoder
{
    private readonly UnionFindGraph _graph;
    private readonly ClusterSet _clusters;
    private readonly ClusterGrowth _growth;
    private readonly Peeler _peeler;
    private readonly ulong[] _observables;

    /// <summary>A decoder with fresh scratch for <paramref name="graph"/>.</summary>
    public UnionFindDecoder(UnionFindGraph graph)
    {
        _graph = graph;
        _clusters = new ClusterSet(graph.NumDetectors);
        _growth = new ClusterGrowth(graph, _clusters);
        _peeler = new Peeler(graph, _clusters);
        _observables = new ulong[graph.ObservableWords];
    }

    /// <inheritdoc/>
    public int NumDetectors => _graph.NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => _graph.NumObservables;

    /// <summary>Edges of the last shot's correction (valid until the next decode).</summary>
    internal ReadOnlySpan<int> LastCorrection => _peeler.Correction;

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
        DecodeDetailed(detectionEvents, observableFlips);

    /// <summary>Decodes one shot; <see cref="DecodeInfo.Weight"/> is Σ ln((1-p)/p) over the correction edges.</summary>
    public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        int observableBytes = (NumObservables + 7) >> 3;
        if (observableFlips.Length < observableBytes)
        {
            throw new ArgumentException(
                $"observable buffer has {observableFlips.Length} bytes; {NumObservables} observables need {observableBytes}",
                nameof(observableFlips));
        }
        double weight = FindCorrection(detectionEvents);
        WriteObservables(observableFlips[..observableBytes]);
        return new DecodeInfo(weight, double.NaN);
    }

    /// <summary>Runs growth and peeling for one shot; returns the correction's total weight.</summary>
    internal double FindCorrection(ReadOnlySpan<byte> detectionEvents)
    {
        _growth.Reset();
        _clusters.Reset();
        SeedDefects(detectionEvents);
        _growth.Run();
        _peeler.Peel();

        double weight = 0;
        Array.Clear(_observables);
        int words = _graph.ObservableWords;
        foreach (int e in _peeler.Correction)
        {
            weight += _graph.Weight[e];
            for (int w = 0; w < words; w++)
            {
                _observables[w] ^= _graph.Observables[e * words + w];
            }
        }
        return weight;
    }

    /// <summary>One cluster per set bit (detector k in byte k&gt;&gt;3, bit k&amp;7); padding bits must be zero.</summary>
    private void SeedDefects(ReadOnlySpan<byte> detectionEvents)
    {
        int detectorBytes = (NumDetectors + 7) >> 3;
        if (detectionEvents.Length < detectorBytes)
        {
            throw new ArgumentException(
                $"shot has {detectionEvents.Length} bytes of detection events; {NumDetectors} detectors need {detectorBytes}",
                nameof(detectionEvents));
        }
        // Eight bytes at a time (little-endian, so bit b of the word is detector 8·i + b), then the
        // tail; the last byte, which may hold padding bits, is always in the checked tail.
        int i = 0;
        for (; i + 8 < detectorBytes; i += 8)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(detectionEvents.Slice(i, 8));
            while (word != 0)
            {
                Seed((i << 3) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
        for (; i < detectorBytes; i++)
        {
            uint bits = detectionEvents[i];
            while (bits != 0)
            {
                int node = (i << 3) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                if (node >= NumDetectors)
                {
                    throw new ArgumentException(
                        $"detection event for detector {node} at byte {i}, bit {node & 7}, but the model has only {NumDetectors} detectors",
                        nameof(detectionEvents));
                }
                Seed(node);
            }
        }
    }

    private void Seed(int node)
    {
        _clusters.AddDefect(node);
        _growth.AddSeed(node);
    }

    private void WriteObservables(Span<byte> observableFlips)
    {
        for (int i = 0; i < observableFlips.Length; i++)
        {
            observableFlips[i] = (byte)(_observables[i >> 3] >> ((i & 7) * 8));
        }
    }
}
