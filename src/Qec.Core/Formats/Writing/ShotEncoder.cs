using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>
/// Encodes b8-packed shots in one format onto a <see cref="ByteOutput"/>. Bits at or above
/// <c>BitsPerShot</c> in the caller's last byte are ignored, so output padding is always zero.
/// </summary>
internal abstract class ShotEncoder
{
    protected ShotEncoder(ByteOutput output, ShotLayout layout)
    {
        Output = output;
        Layout = layout;
        Bits = layout.BitsPerShot;
        Bytes = layout.BytesPerShot;
    }

    /// <summary>Where the bytes go.</summary>
    protected ByteOutput Output { get; }

    /// <summary>Detectors and observables of a shot.</summary>
    protected ShotLayout Layout { get; }

    /// <summary>Bits per shot.</summary>
    protected int Bits { get; }

    /// <summary>Bytes per packed shot.</summary>
    protected int Bytes { get; }

    /// <summary>Shots accepted but not yet encoded (only ptb64 holds any: its group of 64 is incomplete).</summary>
    public virtual int PendingShots => 0;

    /// <summary>Encodes one shot; <paramref name="shot"/> is exactly <see cref="Bytes"/> long.</summary>
    public abstract void Write(ReadOnlySpan<byte> shot);

    /// <summary>Encodes <paramref name="count"/> shots packed back to back (<paramref name="shots"/> is exactly count · <see cref="Bytes"/> long).</summary>
    public virtual void WriteMany(ReadOnlySpan<byte> shots, int count)
    {
        for (int s = 0; s < count; s++)
        {
            Write(shots.Slice(s * Bytes, Bytes));
        }
    }
}
