using System.Buffers.Binary;
using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>01</c> format: per shot exactly <c>bits</c> characters '0'/'1' then '\n' ("\r\n" accepted, as
/// Stim does). End of data is clean only at the start of a line: as in Stim, a last line without '\n' is a
/// truncated file (only dets accepts one).
/// </summary>
internal sealed class Format01Parser : ShotParser
{
    /// <summary>Eight '0' characters as a little-endian word; '1' differs only in the low bit of its byte.</summary>
    private const ulong Zeros = 0x3030303030303030UL;

    /// <summary>Gathers the low bit of each of 8 bytes into one byte, char j to bit j (no carries: 8i-7j distinct).</summary>
    private const ulong GatherLowBits = 0x0102040810204080UL;

    private long _line = 1;

    public Format01Parser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.Format01, layout, sourceName)
    {
    }

    protected override bool TryRead(Span<byte> shot)
    {
        int n = Bits;
        int k = 0;
        while (k < n)
        {
            // Fast path: a whole byte of the shot from 8 valid characters already buffered.
            if ((k & 7) == 0 && n - k >= 8 && Input.Buffered.Length >= 8)
            {
                ulong w = BinaryPrimitives.ReadUInt64LittleEndian(Input.Buffered);
                if ((w & 0xFEFEFEFEFEFEFEFEUL) == Zeros)
                {
                    shot[k >> 3] = (byte)(((w & 0x0101010101010101UL) * GatherLowBits) >> 56);
                    Input.Consume(8);
                    k += 8;
                    continue;
                }
            }
            if ((k & 7) == 0)
            {
                shot[k >> 3] = 0;
            }
            int c = Input.ReadByte();
            if (c == '1')
            {
                shot[k >> 3] |= (byte)(1 << (k & 7));
            }
            else if (c != '0')
            {
                if (c < 0 && k == 0)
                {
                    return false;
                }
                throw BadCharacter(c, k);
            }
            k++;
        }
        return EndLine(shot);
    }

    private bool EndLine(Span<byte> shot)
    {
        int c = Input.ReadByte();
        c = FoldCarriageReturn(c, _line);
        if (c == '\n')
        {
            _line++;
            return true;
        }
        if (c < 0)
        {
            if (Bits == 0)
            {
                return false;
            }
            throw ErrorOnLine(_line, Input.Position, $"the line of {Bits} characters of 0/1 has no terminating '\\n' (truncated file?)");
        }
        if (c is '0' or '1')
        {
            throw ErrorOnLine(_line, Input.LastPosition, $"expected {Bits} characters of 0/1 but the line is longer");
        }
        throw ErrorOnLine(_line, Input.LastPosition, $"expected '\\n' after {Bits} characters of 0/1 but found {TextBytes.Describe(c)}");
    }

    private SampleFormatException BadCharacter(int c, int found)
    {
        if (c < 0)
        {
            return ErrorOnLine(_line, Input.Position, $"expected {Bits} characters of 0/1 but the data ended after {found} (truncated file?)");
        }
        if (c is '\n' or '\r')
        {
            return ErrorOnLine(_line, Input.LastPosition, $"expected {Bits} characters of 0/1 but found {found}");
        }
        return ErrorOnLine(_line, Input.LastPosition, $"expected '0' or '1' at column {found + 1} but found {TextBytes.Describe(c)}");
    }
}
