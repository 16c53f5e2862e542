using System.Buffers;

namespace Qec.Server.Raw;

/// <summary>One parsed frame: header fields and a zero-copy slice of its payload.</summary>
public readonly struct RawFrame
{
    /// <summary>Wraps parsed header fields and the payload slice.</summary>
    public RawFrame(RawFrameType type, byte flags, ReadOnlySequence<byte> payload)
    {
        Type = type;
        Flags = flags;
        Payload = payload;
    }

    /// <summary>The frame type (may be a value this version does not know).</summary>
    public RawFrameType Type { get; }

    /// <summary>The flags byte.</summary>
    public byte Flags { get; }

    /// <summary>The payload, a slice of the input buffer (valid until the buffer is advanced).</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>Header plus payload bytes.</summary>
    public long TotalLength => RawProtocol.HeaderSize + Payload.Length;
}

/// <summary>A frame the server or client cannot accept: header garbage, too long, or a bad payload.</summary>
public sealed class RawFrameException(global::Grpc.Core.StatusCode code, string message) : Exception(message)
{
    /// <summary>The status reported in the ERROR frame.</summary>
    public global::Grpc.Core.StatusCode Code { get; } = code;
}
