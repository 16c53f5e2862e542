using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>b8</c> format: ceil(bits/8) bytes per shot. A partial shot at the end is an error, and so are
/// set padding bits above the last bit: Stim writes them zero, and a set one usually means the layout
/// given does not match the file.
/// </summary>
internal sealed class B8Parser : ShotParser
{
    private readonly byte _lastMask;

    public B8Parser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.B8, layout, sourceName)
    {
        _lastMask = PackedBits.LastByteMask(layout.BitsPerShot);
    }

    protected override bool TryRead(Span<byte> shot)
    {
        int got = Input.Read(shot);
        if (got == 0)
        {
            return false;
        }
        if (got < Bytes)
        {
            throw Error(Input.Position, $"truncated shot: expected {Bytes} bytes ({Bits} bits) but the data ended after {got}");
        }
        byte last = shot[Bytes - 1];
        if ((last & ~_lastMask) != 0)
        {
            throw Error(Input.Position - 1, $"padding bits above bit {Bits} of the shot are not zero (last byte 0x{last:X2}); does the layout ({Layout}) match the file?");
        }
        return true;
    }
}
