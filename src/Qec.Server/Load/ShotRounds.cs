using Qec.Core.Decoding.Streaming;

namespace Qec.Server.Load;

/// <summary>
/// Stream round mode of the load generator: each shot leaves as the model's rounds, one message or
/// frame per round, in order 0, 1, …, as a stream-mode session takes them (proto <c>Round</c>,
/// proto/RAW.md ROUND). The rounds' first detector and size are read once from the layout.
/// </summary>
internal sealed class ShotRounds
{
    private readonly long[] _first;
    private readonly int[] _size;
    private readonly byte[] _round;

    public ShotRounds(RoundLayout layout)
    {
        _first = new long[layout.NumRounds];
        _size = new int[layout.NumRounds];
        int largest = 0;
        for (int r = 0; r < _first.Length; r++)
        {
            _first[r] = layout.RoundFirstDetector(r);
            _size[r] = layout.RoundSize(r);
            largest = Math.Max(largest, _size[r]);
        }
        _round = new byte[(largest + 7) >> 3];
    }

    /// <summary>Rounds per shot.</summary>
    public int Count => _first.Length;

    /// <summary>First detector of round <paramref name="r"/>.</summary>
    public uint First(int r) => checked((uint)_first[r]);

    /// <summary>Detectors in round <paramref name="r"/>.</summary>
    public uint Size(int r) => (uint)_size[r];

    /// <summary>Round <paramref name="r"/> of a packed whole shot, packed; valid until the next call.</summary>
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> shot, int r)
    {
        var round = _round.AsSpan(0, (_size[r] + 7) >> 3);
        RoundBits.Slice(shot, _first[r], _size[r], round);
        return round;
    }
}
