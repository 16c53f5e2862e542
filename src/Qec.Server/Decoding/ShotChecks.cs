namespace Qec.Server.Decoding;

/// <summary>
/// Validation of packed detection events at the edge, so decoders only ever see well-formed
/// shots: exactly ceil(n/8) bytes, padding bits of the last byte zero (b8 as Stim writes it).
/// Errors are INVALID_ARGUMENT and name the shot and what was expected.
/// </summary>
public static class ShotChecks
{
    /// <summary>Checks one whole shot of <paramref name="numDetectors"/> detectors.</summary>
    public static void CheckWholeShot(ReadOnlySpan<byte> events, int numDetectors, ulong shotId)
    {
        int expected = (numDetectors + 7) >> 3;
        if (events.Length != expected)
        {
            throw QecServerException.InvalidShot(shotId,
                $"shot {shotId}: {events.Length} bytes of detection events, expected {expected} ({numDetectors} detectors, b8 packed)");
        }
        CheckPadding(events, numDetectors, shotId, 0);
    }

    /// <summary>Throws when bits past <paramref name="bits"/> in the last byte are set.</summary>
    public static void CheckPadding(ReadOnlySpan<byte> events, int bits, ulong shotId, int firstDetector)
    {
        int used = bits & 7;
        if (used != 0 && (events[^1] >> used) != 0)
        {
            throw QecServerException.InvalidShot(shotId,
                $"shot {shotId}: padding bits set in byte {events.Length - 1} of its detection events " +
                $"(detectors {firstDetector}..{firstDetector + bits - 1} end at bit {used - 1} of that byte)");
        }
    }
}
