using System.Buffers.Binary;
using System.Globalization;

namespace Qec.Core.Formats.IO;

/// <summary>
/// Buffered writing of bytes to a stream. One buffer for the writer's life: no allocation per byte or
/// per shot. Data reaches the stream when the buffer fills or on <see cref="Flush"/>.
/// </summary>
internal sealed class ByteOutput
{
    /// <summary>Bytes collected before a write to the stream.</summary>
    public const int BufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _len;

    public ByteOutput(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        if (_len == _buffer.Length)
        {
            Drain();
        }
        _buffer[_len++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_len == _buffer.Length)
            {
                Drain();
            }
            int n = Math.Min(_buffer.Length - _len, data.Length);
            data[..n].CopyTo(_buffer.AsSpan(_len));
            _len += n;
            data = data[n..];
        }
    }

    /// <summary>
    /// A span of at least <paramref name="size"/> free bytes (size at most <see cref="BufferSize"/>);
    /// follow with <see cref="Advance"/> for the bytes actually filled.
    /// </summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _len < size)
        {
            Drain();
        }
        return _buffer.AsSpan(_len);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count) => _len += count;

    /// <summary>Appends the decimal digits of a non-negative value (ASCII).</summary>
    public void WriteDecimal(int value)
    {
        Span<byte> span = GetSpan(11);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _len += written;
    }

    /// <summary>Appends a little-endian 64-bit word.</summary>
    public void WriteUInt64LittleEndian(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);
        _len += 8;
    }

    /// <summary>Writes the buffered bytes to the stream and flushes the stream.</summary>
    public void Flush()
    {
        Drain();
        _stream.Flush();
    }

    private void Drain()
    {
        if (_len > 0)
        {
            _stream.Write(_buffer, 0, _len);
            _len = 0;
        }
    }
}
