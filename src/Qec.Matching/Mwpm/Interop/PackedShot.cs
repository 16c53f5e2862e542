using System.Buffers.Binary;
using System.Numerics;

namespace Qec.Matching.Mwpm.Interop;

/// <summary>A b8-packed shot (detector 8i + k is bit k of byte i) as a list of detection events.</summary>
internal static class PackedShot
{
    /// <summary>
    /// Lists the set bits of <paramref name="packed"/> in ascending order into <paramref name="events"/>
    /// (cleared first), eight bytes at a time. Throws for a shot shorter than the detectors need or a
    /// set bit at or beyond <paramref name="numDetectors"/> (padding bits must be 0).
    /// </summary>
    public static void ListDetectionEvents(ReadOnlySpan<byte> packed, int numDetectors, ScratchList<int> events)
    {
        int bytes = (numDetectors + 7) >> 3;
        if (packed.Length < bytes)
        {
            throw new ArgumentException($"a shot needs {bytes} bytes of detection events for {numDetectors} detectors, got {packed.Length}");
        }
        events.Clear();
        int i = 0;
        for (; i + 8 <= bytes; i += 8)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(packed.Slice(i, 8));
            while (word != 0)
            {
                events.Add((i << 3) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }
        for (; i < bytes; i++)
        {
            uint b = packed[i];
            while (b != 0)
            {
                events.Add((i << 3) + BitOperations.TrailingZeroCount(b));
                b &= b - 1;
            }
        }
        // Only the last byte can hold padding, and its set bits are listed last.
        if (events.Count > 0 && events[events.Count - 1] >= numDetectors)
        {
            int d = events[events.Count - 1];
            throw new ArgumentException(
                $"detection event bit {d} (byte {d >> 3}) is set but the model has only {numDetectors} detectors: padding bits must be 0");
        }
    }
}
