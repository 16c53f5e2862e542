using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Reading;

/// <summary>
/// The <c>r8</c> format: each byte b adds b zeros and then a 1, except b = 255 which adds 255 zeros and no 1.
/// Every shot ends with the implicit 1 at bit index <c>bits</c> (one past the last real bit), so a shot of
/// n bits ends exactly when the decoded position reaches n on a byte other than 255.
/// </summary>
internal sealed class R8Parser : ShotParser
{
    public R8Parser(ByteInput input, ShotLayout layout, string sourceName)
        : base(input, SampleFormat.R8, layout, sourceName)
    {
    }

    protected override bool TryRead(Span<byte> shot)
    {
        int b = Input.ReadByte();
        if (b < 0)
        {
            return false;
        }
        shot.Clear();
        long n = Bits;
        long pos = 0;
        while (true)
        {
            pos += b;
            if (b != 255)
            {
                if (pos == n)
                {
                    return true;
                }
                if (pos > n)
                {
                    throw Error(Input.LastPosition, $"a run of {b} zeros puts the next 1 at bit {pos}, past the end of the shot; expected the terminating 1 at bit {n}");
                }
                PackedBits.Set(shot, (int)pos);
                pos++;
            }
            else if (pos > n)
            {
                throw Error(Input.LastPosition, $"a run of 255 zeros reaches bit {pos}, past the end of the shot of {n} bits");
            }
            b = Input.ReadByte();
            if (b < 0)
            {
                throw Error(Input.Position, $"the data ended inside a shot after {pos} of {n} bits; expected the terminating 1 at bit {n} (truncated file?)");
            }
        }
    }
}
