using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>
/// The <c>r8</c> format: for each 1 (and the implicit 1 at bit index <c>bits</c>), the count of 0s since the
/// previous 1, written as 255-bytes for each full 255 zeros and then the remainder (0..254). A gap of
/// exactly 255 is therefore FF 00, as Stim writes it.
/// </summary>
internal sealed class R8Encoder : ShotEncoder
{
    public R8Encoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
    }

    public override void Write(ReadOnlySpan<byte> shot)
    {
        int start = 0;
        while (true)
        {
            int one = PackedBits.NextSetBit(shot, start, Bits);
            int target = one < 0 ? Bits : one;
            int gap = target - start;
            while (gap >= 255)
            {
                Output.WriteByte(255);
                gap -= 255;
            }
            Output.WriteByte((byte)gap);
            if (one < 0)
            {
                return;
            }
            start = one + 1;
        }
    }
}
