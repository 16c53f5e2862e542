using System.Buffers.Binary;
using System.Text;
using Qec.Server.Raw;

namespace Qec.Server.Client;

/// <summary>
/// A frame from the server as the raw client received it; the payload points into the client's
/// receive buffer and is valid until the next <see cref="RawDecoderClient.Receive"/>. The
/// accessors read the fields of the frame types that carry them (proto/RAW.md).
/// </summary>
public readonly ref struct RawReply
{
    /// <summary>Wraps a received frame.</summary>
    public RawReply(RawFrameType type, byte flags, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Payload = payload;
    }

    /// <summary>Frame type.</summary>
    public RawFrameType Type { get; }

    /// <summary>Flags byte.</summary>
    public byte Flags { get; }

    /// <summary>The whole payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>CORRECTION and COMMITTED: the shot id; CORRECTIONS: the first shot id.</summary>
    public ulong ShotId => BinaryPrimitives.ReadUInt64LittleEndian(Payload);

    /// <summary>CORRECTIONS: number of shots answered; CORRECTION: 1.</summary>
    public int Count => Type == RawFrameType.Corrections ? (int)BinaryPrimitives.ReadUInt32LittleEndian(Payload[RawProtocol.CorrectionsCountOffset..]) : 1;

    /// <summary>CORRECTION: decoder time of the shot; CORRECTIONS: of all its shots (ns).</summary>
    public long DecoderNs => Type == RawFrameType.Corrections
        ? (long)BinaryPrimitives.ReadUInt64LittleEndian(Payload[RawProtocol.CorrectionsNsOffset..])
        : BinaryPrimitives.ReadUInt32LittleEndian(Payload[RawProtocol.CorrectionNsOffset..]);

    /// <summary>True when weight and soft output follow the flips.</summary>
    public bool HasSoftOutput => (Flags & RawProtocol.FlagSoftOutput) != 0;

    /// <summary>
    /// CORRECTION(S): the flips of all shots, <paramref name="observableBytes"/> each; COMMITTED: the
    /// logical frame of the committed rounds.
    /// </summary>
    public ReadOnlySpan<byte> Flips(int observableBytes) => Type switch
    {
        RawFrameType.Corrections => Payload.Slice(RawProtocol.CorrectionsFlipsOffset, Count * observableBytes),
        RawFrameType.Committed => Payload.Slice(RawProtocol.CommittedFlipsOffset, observableBytes),
        _ => Payload.Slice(RawProtocol.CorrectionFlipsOffset, observableBytes),
    };

    /// <summary>COMMITTED: rounds [0, CommittedRounds) of the shot are final.</summary>
    public int CommittedRounds => (int)BinaryPrimitives.ReadUInt32LittleEndian(Payload[RawProtocol.CommittedRoundsOffset..]);

    /// <summary>CORRECTION(S) with soft output: (weight, soft output) of shot <paramref name="index"/> in the frame.</summary>
    public (double Weight, double SoftOutput) Soft(int observableBytes, int index = 0)
    {
        int at = Type == RawFrameType.Corrections
            ? RawProtocol.CorrectionsFlipsOffset + (Count * observableBytes) + (index * 16)
            : RawProtocol.CorrectionFlipsOffset + observableBytes;
        return (BinaryPrimitives.ReadDoubleLittleEndian(Payload[at..]), BinaryPrimitives.ReadDoubleLittleEndian(Payload[(at + 8)..]));
    }

    /// <summary>GOODBYE: shots answered on the connection.</summary>
    public long Answered => (long)BinaryPrimitives.ReadUInt64LittleEndian(Payload);

    /// <summary>GOODBYE: the reason.</summary>
    public string Message => Type == RawFrameType.Goodbye ? Encoding.UTF8.GetString(Payload[RawProtocol.GoodbyeMessageOffset..]) : "";
}
