using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>dets</c> format: per shot a line <c>shot</c> followed by " D&lt;i&gt;" for each set detector and
/// " L&lt;j&gt;" for each set observable (observable indices restart at 0), ended by '\n' ("\r\n" accepted).
/// As in Stim (<c>MeasureRecordReaderFormatDets</c>), blank lines and whitespace before <c>shot</c> are skipped,
/// values are separated by single spaces, and the last line may end at the end of the data instead of '\n'
/// (or after a lone '\r'). Values may come in any order.
/// </summary>
internal sealed class DetsParser : ShotParser
{
    private const string ShotWord = "shot";

    private long _line = 1;

    public DetsParser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.Dets, layout, sourceName)
    {
    }

    protected override bool TryRead(Span<byte> shot)
    {
        int c = SkipBlank();
        if (c < 0)
        {
            return false;
        }
        ExpectShotWord(c);
        shot.Clear();
        c = Input.ReadByte();
        while (true)
        {
            c = FoldCarriageReturn(c, _line, endOfDataEndsLine: true);
            if (c is '\n' or < 0)
            {
                _line++;
                return true;
            }
            if (c != ' ')
            {
                throw ErrorOnLine(_line, Input.LastPosition, $"expected ' ' and a value, or '\\n', but found {TextBytes.Describe(c)}");
            }
            c = ReadValue(shot);
        }
    }

    /// <summary>Skips spaces, tabs and blank lines; returns the first other byte (or -1).</summary>
    private int SkipBlank()
    {
        while (true)
        {
            int c = Input.ReadByte();
            if (c == '\n')
            {
                _line++;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return c;
            }
        }
    }

    private void ExpectShotWord(int first)
    {
        int c = first;
        for (int i = 0; i < ShotWord.Length; i++)
        {
            if (i > 0)
            {
                c = Input.ReadByte();
            }
            if (c != ShotWord[i])
            {
                throw ErrorOnLine(_line, OffsetOf(c), $"expected a line starting with 'shot' but found {TextBytes.Describe(c)}");
            }
        }
    }

    /// <summary>Reads one prefixed value after its space, sets its bit, and returns the byte after it.</summary>
    private int ReadValue(Span<byte> shot)
    {
        int prefix = Input.ReadByte();
        long prefixAt = OffsetOf(prefix);
        int offset;
        int count;
        if (prefix == 'D')
        {
            offset = 0;
            count = Layout.NumDetectors;
        }
        else if (prefix == 'L')
        {
            offset = Layout.NumDetectors;
            count = Layout.NumObservables;
        }
        else if (prefix == 'M')
        {
            throw ErrorOnLine(_line, prefixAt, "measurement results (M) are not part of a detector/observable layout; expected D or L");
        }
        else
        {
            throw ErrorOnLine(_line, prefixAt, $"expected a value prefix D or L but found {TextBytes.Describe(prefix)}");
        }
        int d = Input.ReadByte();
        if (!TextBytes.IsDigit(d))
        {
            throw ErrorOnLine(_line, OffsetOf(d), $"expected digits after '{(char)prefix}' but found {TextBytes.Describe(d)}");
        }
        long value = ReadDecimal(d, out int next);
        if (value >= count)
        {
            string problem = prefix == 'D'
                ? $"detector index {Quote(value)} out of range ({count} detectors)"
                : $"observable index {Quote(value)} out of range ({count} observables)";
            throw ErrorOnLine(_line, prefixAt, problem);
        }
        PackedBits.Set(shot, offset + (int)value);
        return next;
    }
}
