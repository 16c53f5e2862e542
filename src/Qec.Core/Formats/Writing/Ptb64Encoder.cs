using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>
/// The <c>ptb64</c> format: shots are gathered 64 at a time into one word per bit (bit s of word k is bit k
/// of shot s); a full group is written as the <c>bits</c> words, little-endian, in bit order. Only set bits
/// cost work when gathering.
/// </summary>
internal sealed class Ptb64Encoder : ShotEncoder
{
    private const int GroupShots = 64;

    private readonly ulong[] _words;
    private int _count;

    public Ptb64Encoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
        _words = new ulong[layout.BitsPerShot];
    }

    public override int PendingShots => _count;

    public override void Write(ReadOnlySpan<byte> shot)
    {
        ulong mask = 1UL << _count;
        for (int k = PackedBits.NextSetBit(shot, 0, Bits); k >= 0; k = PackedBits.NextSetBit(shot, k + 1, Bits))
        {
            _words[k] |= mask;
        }
        _count++;
        if (_count == GroupShots)
        {
            foreach (ulong word in _words)
            {
                Output.WriteUInt64LittleEndian(word);
            }
            Array.Clear(_words);
            _count = 0;
        }
    }
}
