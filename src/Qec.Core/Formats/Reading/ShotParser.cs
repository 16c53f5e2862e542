using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// Decodes shots of one format from a <see cref="ByteInput"/> into b8-packed spans. Each subclass reads
/// exactly one shot per call and reports every malformed input as <see cref="SampleFormatException"/>.
/// </summary>
internal abstract class ShotParser
{
    protected ShotParser(ByteInput input, SampleFormat format, ShotLayout layout, string sourceName)
    {
        Input = input;
        Format = format;
        Layout = layout;
        Bits = layout.BitsPerShot;
        Bytes = layout.BytesPerShot;
        SourceName = sourceName;
    }

    /// <summary>Where the bytes come from.</summary>
    protected ByteInput Input { get; }

    /// <summary>The format decoded.</summary>
    protected SampleFormat Format { get; }

    /// <summary>Detectors and observables of a shot.</summary>
    protected ShotLayout Layout { get; }

    /// <summary>Bits per shot.</summary>
    protected int Bits { get; }

    /// <summary>Bytes per packed shot.</summary>
    protected int Bytes { get; }

    /// <summary>Name for error messages.</summary>
    protected string SourceName { get; }

    /// <summary>0-based index of the shot the next call reads.</summary>
    public long ShotIndex { get; private set; }

    /// <summary>
    /// Reads the next shot into <paramref name="shot"/> (exactly <see cref="Bytes"/> long); padding bits of
    /// the last byte come out zero. False at a clean end of data (between shots).
    /// </summary>
    public bool TryReadShot(Span<byte> shot)
    {
        if (!TryRead(shot))
        {
            return false;
        }
        ShotIndex++;
        return true;
    }

    /// <summary>The format-specific decoding of one shot; see <see cref="TryReadShot"/>.</summary>
    protected abstract bool TryRead(Span<byte> shot);

    /// <summary>An error at a byte offset, for binary formats.</summary>
    protected SampleFormatException Error(long byteOffset, string problem) =>
        new(SourceName, Format, ShotIndex, line: null, byteOffset, problem);

    /// <summary>An error at a byte offset on a 1-based line, for text formats.</summary>
    protected SampleFormatException ErrorOnLine(long line, long byteOffset, string problem) =>
        new(SourceName, Format, ShotIndex, line, byteOffset, problem);

    /// <summary>Offset to blame for byte <paramref name="c"/> just read: the byte itself, or the end of data for -1.</summary>
    protected long OffsetOf(int c) => c < 0 ? Input.Position : Input.LastPosition;

    /// <summary>
    /// Text formats accept "\r\n" as a line end: after a '\r' the next byte must be '\n', which is
    /// returned; any other byte <paramref name="c"/> is returned unchanged. With
    /// <paramref name="endOfDataEndsLine"/> (dets, as Stim) a '\r' at the end of the data returns -1.
    /// </summary>
    protected int FoldCarriageReturn(int c, long line, bool endOfDataEndsLine = false)
    {
        if (c != '\r')
        {
            return c;
        }
        c = Input.ReadByte();
        return c == '\n' || (c < 0 && endOfDataEndsLine) ? c : throw ErrorOnLine(line, OffsetOf(c), $"expected '\\n' after '\\r' but found {TextBytes.Describe(c)}");
    }

    /// <summary>
    /// Reads a decimal number whose first digit <paramref name="first"/> was already read, returning it
    /// (clamped to int.MaxValue + 1 when larger, so any range check fails) and the byte after it.
    /// </summary>
    protected long ReadDecimal(int first, out int next)
    {
        long value = first - '0';
        int c = Input.ReadByte();
        while (TextBytes.IsDigit(c))
        {
            value = Math.Min(value * 10 + (c - '0'), (long)int.MaxValue + 1);
            c = Input.ReadByte();
        }
        next = c;
        return value;
    }

    /// <summary>An index for messages: its digits, or "an index above 2147483647" when it was clamped.</summary>
    protected static string Quote(long value) => value > int.MaxValue ? $"an index above {int.MaxValue}" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
