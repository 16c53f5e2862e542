using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>The <c>b8</c> format: the packed bytes themselves, padding bits of the last byte cleared.</summary>
internal sealed class B8Encoder : ShotEncoder
{
    private readonly byte _lastMask;

    public B8Encoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
        _lastMask = PackedBits.LastByteMask(layout.BitsPerShot);
    }

    public override void Write(ReadOnlySpan<byte> shot)
    {
        if (Bytes == 0)
        {
            return;
        }
        Output.Write(shot[..(Bytes - 1)]);
        Output.WriteByte((byte)(shot[Bytes - 1] & _lastMask));
    }
}
