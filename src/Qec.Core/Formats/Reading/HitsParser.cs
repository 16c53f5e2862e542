using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>hits</c> format: per shot one line of comma-separated bit indices (empty for a shot with no set
/// bit), ended by '\n' ("\r\n" accepted). End of data is clean only at the start of a line (as in Stim, a last
/// line without '\n' is a truncated file; only dets accepts one); indices may
/// come in any order and a repeated index sets its bit once.
/// </summary>
internal sealed class HitsParser : ShotParser
{
    private long _line = 1;

    public HitsParser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.Hits, layout, sourceName)
    {
    }

    protected override bool TryRead(Span<byte> shot)
    {
        int c = Input.ReadByte();
        if (c < 0)
        {
            return false;
        }
        shot.Clear();
        if (c is '\r' or '\n')
        {
            EndLine(c);
            return true;
        }
        while (true)
        {
            if (!TextBytes.IsDigit(c))
            {
                throw ErrorOnLine(_line, OffsetOf(c), $"expected a bit index (digits) but found {TextBytes.Describe(c)}");
            }
            long at = Input.LastPosition;
            long value = ReadDecimal(c, out c);
            if (value >= Bits)
            {
                throw ErrorOnLine(_line, at, $"bit index {Quote(value)} out of range (the shot has {Bits} bits)");
            }
            PackedBits.Set(shot, (int)value);
            if (c == ',')
            {
                c = Input.ReadByte();
                continue;
            }
            if (c is '\r' or '\n')
            {
                EndLine(c);
                return true;
            }
            if (c < 0)
            {
                throw ErrorOnLine(_line, Input.Position, "the line has no terminating '\\n' (truncated file?)");
            }
            throw ErrorOnLine(_line, Input.LastPosition, $"expected ',' or '\\n' after a bit index but found {TextBytes.Describe(c)}");
        }
    }

    /// <summary>Consumes the end of line that starts with <paramref name="c"/> ('\r' must be followed by '\n').</summary>
    private void EndLine(int c)
    {
        _ = FoldCarriageReturn(c, _line);
        _line++;
    }
}
