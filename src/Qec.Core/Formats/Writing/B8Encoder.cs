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

    /// <summary>As many whole shots per copy as the output buffer holds, padding bits cleared in place.</summary>
    public override void WriteMany(ReadOnlySpan<byte> shots, int count)
    {
        int perCopy = ByteOutput.BufferSize / Math.Max(1, Bytes);
        if (Bytes == 0 || perCopy == 0)
        {
            base.WriteMany(shots, count); // a shot larger than the buffer: one at a time
            return;
        }
        for (int done = 0; done < count;)
        {
            int n = Math.Min(perCopy, count - done);
            var target = Output.GetSpan(n * Bytes);
            shots.Slice(done * Bytes, n * Bytes).CopyTo(target);
            if (_lastMask != 0xFF)
            {
                for (int at = Bytes - 1; at < n * Bytes; at += Bytes)
                {
                    target[at] &= _lastMask;
                }
            }
            Output.Advance(n * Bytes);
            done += n;
        }
    }
}
