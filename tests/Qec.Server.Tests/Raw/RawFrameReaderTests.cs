using System.Buffers;
using Grpc.Core;
using Qec.Server.Raw;

namespace Qec.Server.Tests.Raw;

public class RawFrameReaderTests
{
    private static byte[] Frames(Action<RawFrameWriter> write)
    {
        var w = new RawFrameWriter(16);
        write(w);
        return w.WrittenSpan.ToArray();
    }

    private static readonly byte[] Shot = Frames(w => w.WriteShot(0x0102030405060708, [0xAA, 0xBB, 0x0C, 0x01]));

    [Fact]
    public void EveryProperPrefixIsIncompleteAndTheWholeFrameParses()
    {
        for (int n = 0; n < Shot.Length; n++)
        {
            Assert.False(RawFrameReader.TryParseFrame(new ReadOnlySequence<byte>(Shot, 0, n), 1024, out _), $"prefix of {n} bytes");
        }
        Assert.True(RawFrameReader.TryParseFrame(new ReadOnlySequence<byte>(Shot), 1024, out var frame));
        Assert.Equal(RawFrameType.Shot, frame.Type);
        Assert.Equal(0, frame.Flags);
        Assert.Equal(Shot.Length, frame.TotalLength);
        Assert.Equal(Shot[RawProtocol.HeaderSize..], frame.Payload.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void FramesSplitAcrossSegmentsParseTheSame(int segmentLength)
    {
        byte[] two = [.. Shot, .. Frames(w => w.WriteRound(9, 2, 13, 11, [0xFF, 0x07], final: true))];
        var buffer = Segmented(two, segmentLength);
        Assert.True(RawFrameReader.TryParseFrame(buffer, 1024, out var first));
        Assert.Equal(Shot[RawProtocol.HeaderSize..], first.Payload.ToArray());
        buffer = buffer.Slice(first.TotalLength);
        Assert.True(RawFrameReader.TryParseFrame(buffer, 1024, out var second));
        Assert.Equal(RawFrameType.Round, second.Type);
        Assert.Equal(RawProtocol.FlagFinal, second.Flags);
        Assert.Equal(two[(Shot.Length + RawProtocol.HeaderSize)..], second.Payload.ToArray());
        Assert.Equal(buffer.Length, second.TotalLength);
    }

    [Fact]
    public void EveryPrefixOfASegmentedFrameIsIncomplete()
    {
        for (int n = 0; n < Shot.Length; n++)
        {
            Assert.False(RawFrameReader.TryParseFrame(Segmented(Shot[..n], 3), 1024, out _));
        }
    }

    [Fact]
    public void OversizeLengthIsRefusedFromTheHeaderAlone()
    {
        var header = new byte[RawProtocol.HeaderSize];
        header[0] = 0x01;
        header[2] = 0x10; // 0x100001 bytes
        header[RawProtocol.TypeOffset] = (byte)RawFrameType.Shots;
        var e = Assert.Throws<RawFrameException>(() => RawFrameReader.TryParseFrame(new ReadOnlySequence<byte>(header), 1 << 20, out _));
        Assert.Equal(StatusCode.ResourceExhausted, e.Code);
        Assert.Contains("1048577-byte payload", e.Message);
    }

    [Fact]
    public void NonzeroReservedBytesAreGarbage()
    {
        var garbage = "GET / HTTP/1.1\r\n"u8.ToArray();
        var e = Assert.Throws<RawFrameException>(() => RawFrameReader.TryParseFrame(new ReadOnlySequence<byte>(garbage), 1 << 20, out _));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("reserved", e.Message);
    }

    [Fact]
    public void EmptyPayloadFrameParses()
    {
        var close = Frames(w => w.WriteEmpty(RawFrameType.Close));
        Assert.True(RawFrameReader.TryParseFrame(new ReadOnlySequence<byte>(close), 0, out var frame));
        Assert.Equal(RawFrameType.Close, frame.Type);
        Assert.Equal(0, frame.Payload.Length);
    }

    /// <summary>A sequence of segments of <paramref name="segmentLength"/> bytes (the last shorter).</summary>
    internal static ReadOnlySequence<byte> Segmented(byte[] data, int segmentLength)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        Segment? first = null, last = null;
        for (int i = 0; i < data.Length; i += segmentLength)
        {
            var chunk = data.AsMemory(i, Math.Min(segmentLength, data.Length - i));
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
