using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace Qec.Server.Raw;

/// <summary>
/// Parses frames out of a byte sequence that may span many segments (a pipe's buffer). Never
/// allocates: the payload is a slice. The declared length is checked against the limit as soon as
/// the header is there, before any payload is buffered.
/// </summary>
public static class RawFrameReader
{
    /// <summary>
    /// Parses the first frame of <paramref name="buffer"/>. Returns false while the frame is
    /// incomplete (read more and call again with the longer buffer); true with the frame otherwise
    /// (consume <see cref="RawFrame.TotalLength"/> bytes). Throws <see cref="RawFrameException"/>
    /// when the header is not one this protocol can send: reserved bits set, or a payload longer
    /// than <paramref name="maxPayloadBytes"/>.
    /// </summary>
    public static bool TryParseFrame(in ReadOnlySequence<byte> buffer, int maxPayloadBytes, out RawFrame frame)
    {
        frame = default;
        if (buffer.Length < RawProtocol.HeaderSize)
        {
            return false;
        }
        Span<byte> copy = stackalloc byte[RawProtocol.HeaderSize];
        scoped ReadOnlySpan<byte> header = buffer.FirstSpan;
        if (header.Length < RawProtocol.HeaderSize)
        {
            buffer.Slice(0, RawProtocol.HeaderSize).CopyTo(copy);
            header = copy;
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[RawProtocol.LengthOffset..]);
        ushort reserved = BinaryPrimitives.ReadUInt16LittleEndian(header[RawProtocol.ReservedOffset..]);
        if (reserved != 0)
        {
            throw new RawFrameException(StatusCode.InvalidArgument,
                $"bad frame header: reserved bytes are 0x{reserved:X4}, must be 0 (is this the raw qecd protocol? see proto/RAW.md)");
        }
        if (length > (uint)maxPayloadBytes)
        {
            throw new RawFrameException(StatusCode.ResourceExhausted,
                $"frame of type 0x{header[RawProtocol.TypeOffset]:X2} declares a {length}-byte payload; the limit is {maxPayloadBytes}");
        }
        if (buffer.Length - RawProtocol.HeaderSize < length)
        {
            return false;
        }
        frame = new RawFrame((RawFrameType)header[RawProtocol.TypeOffset], header[RawProtocol.FlagsOffset],
            buffer.Slice(RawProtocol.HeaderSize, length));
        return true;
    }
}
