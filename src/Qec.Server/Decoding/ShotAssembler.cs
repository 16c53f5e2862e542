namespace Qec.Server.Decoding;

/// <summary>
/// Collects the parts (rounds) of one shot on one stream until the final part, then hands out the
/// whole shot. Invariant: at most one shot is open per stream; the buffer holds the OR of every
/// part received since the shot opened and is zeroed when the shot completes. Allocates once.
/// </summary>
/// <remarks>
/// Assemble mode only; a stream-mode session consumes each part as it arrives instead
/// (<see cref="RoundStream"/>).
/// </remarks>
public sealed class ShotAssembler
{
    private readonly byte[] _buffer;
    private readonly int _numDetectors;
    private bool _open;
    private ulong _shotId;

    /// <summary>An assembler for shots of <paramref name="numDetectors"/> detectors.</summary>
    public ShotAssembler(int numDetectors)
    {
        _numDetectors = numDetectors;
        _buffer = new byte[(numDetectors + 7) >> 3];
    }

    /// <summary>True while a shot waits for its final part.</summary>
    public bool IsOpen => _open;

    /// <summary>Id of the open shot (meaningful while <see cref="IsOpen"/>).</summary>
    public ulong OpenShotId => _shotId;

    /// <summary>The assembled shot after the final part, valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<byte> Shot => _buffer;

    /// <summary>
    /// Adds detectors [first, first + count) of shot <paramref name="shotId"/>, packed b8 from bit 0
    /// of <paramref name="events"/>. Returns true when <paramref name="final"/> completed the shot
    /// (read it from <see cref="Shot"/>, then it is cleared on the next part).
    /// </summary>
    public bool Add(ulong shotId, uint round, uint first, uint count, ReadOnlySpan<byte> events, bool final)
    {
        if (_open && shotId != _shotId)
        {
            throw QecServerException.InvalidShot(shotId,
                $"shot {shotId} round {round}: shot {_shotId} is still open (its final round has not arrived); send one shot's rounds at a time");
        }
        if ((ulong)first + count > (ulong)_numDetectors)
        {
            throw QecServerException.InvalidShot(shotId,
                $"shot {shotId} round {round}: detectors {first}..{(ulong)first + count - 1} lie outside the model's {_numDetectors} detectors");
        }
        int expected = (int)((count + 7) >> 3);
        if (events.Length != expected)
        {
            throw QecServerException.InvalidShot(shotId,
                $"shot {shotId} round {round}: {events.Length} bytes of detection events for {count} detectors, expected {expected}");
        }
        if (count > 0)
        {
            ShotChecks.CheckPadding(events, (int)count, shotId, (int)first);
        }
        if (!_open)
        {
            _buffer.AsSpan().Clear();
            _open = true;
            _shotId = shotId;
        }
        OrBits(events, (int)first);
        if (final)
        {
            _open = false;
        }
        return final;
    }

    /// <summary>Forgets an open shot (the stream ended).</summary>
    public void Reset() => _open = false;

    // ORs source bit j into buffer bit offset + j. Padding bits of the source are zero, so the
    // spill of the last byte past the shot's end is zero and may be dropped.
    private void OrBits(ReadOnlySpan<byte> source, int offset)
    {
        int shift = offset & 7;
        int at = offset >> 3;
        if (shift == 0)
        {
            for (int i = 0; i < source.Length; i++)
            {
                _buffer[at + i] |= source[i];
            }
            return;
        }
        for (int i = 0; i < source.Length; i++)
        {
            int v = source[i];
            _buffer[at + i] |= (byte)(v << shift);
            int hi = v >> (8 - shift);
            if (hi != 0)
            {
                _buffer[at + i + 1] |= (byte)hi;
            }
        }
    }
}
