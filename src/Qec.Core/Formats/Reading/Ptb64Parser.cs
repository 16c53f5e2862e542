using System.Buffers.Binary;
using System.Numerics;
using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>ptb64</c> format: groups of 64 shots; per bit k of the shot, 8 bytes forming a little-endian
/// word whose bit s is bit k of shot s of the group. A group is scattered into 64 packed shots as it is
/// read (only its set bits cost work), then handed out one shot per call.
/// </summary>
internal sealed class Ptb64Parser : ShotParser
{
    private const int GroupShots = 64;

    private readonly byte[] _group;
    private int _next = GroupShots;

    public Ptb64Parser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.Ptb64, layout, sourceName)
    {
        _group = new byte[GroupShots * layout.BytesPerShot];
    }

    protected override bool TryRead(Span<byte> shot)
    {
        if (_next == GroupShots)
        {
            if (!LoadGroup())
            {
                return false;
            }
            _next = 0;
        }
        _group.AsSpan(_next * Bytes, Bytes).CopyTo(shot);
        _next++;
        return true;
    }

    private bool LoadGroup()
    {
        Array.Clear(_group);
        Span<byte> word = stackalloc byte[8];
        for (int k = 0; k < Bits; k++)
        {
            int got = Input.Read(word);
            if (got < 8)
            {
                if (k == 0 && got == 0)
                {
                    return false;
                }
                throw Error(Input.Position, $"truncated 64-shot group: expected {8L * Bits} bytes (8 per bit, {Bits} bits) but the data ended after {8L * k + got}");
            }
            ulong w = BinaryPrimitives.ReadUInt64LittleEndian(word);
            int byteIndex = k >> 3;
            byte mask = (byte)(1 << (k & 7));
            while (w != 0)
            {
                int s = BitOperations.TrailingZeroCount(w);
                _group[s * Bytes + byteIndex] |= mask;
                w &= w - 1;
            }
        }
        return true;
    }
}
