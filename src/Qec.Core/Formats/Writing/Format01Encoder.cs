using System.Buffers.Binary;
using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>The <c>01</c> format: one '0'/'1' character per bit, then '\n'.</summary>
internal sealed class Format01Encoder : ShotEncoder
{
    /// <summary>For each byte value, its 8 bits as '0'/'1' characters (bit 0 first) in a little-endian word.</summary>
    private static readonly ulong[] Chars = BuildChars();

    public Format01Encoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
    }

    public override void Write(ReadOnlySpan<byte> shot)
    {
        int fullBytes = Bits >> 3;
        for (int i = 0; i < fullBytes; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(Output.GetSpan(8), Chars[shot[i]]);
            Output.Advance(8);
        }
        int tail = Bits & 7;
        if (tail != 0)
        {
            int last = shot[fullBytes];
            for (int j = 0; j < tail; j++)
            {
                Output.WriteByte((byte)('0' + ((last >> j) & 1)));
            }
        }
        Output.WriteByte((byte)'\n');
    }

    private static ulong[] BuildChars()
    {
        var table = new ulong[256];
        for (int b = 0; b < 256; b++)
        {
            ulong word = 0;
            for (int j = 0; j < 8; j++)
            {
                word |= (ulong)('0' + ((b >> j) & 1)) << (8 * j);
            }
            table[b] = word;
        }
        return table;
    }
}
