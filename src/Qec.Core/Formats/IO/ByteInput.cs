namespace Qec.Core.Formats.IO;

/// <summary>
/// Buffered forward-only reading of bytes from a stream, counting the absolute offset for error
/// messages. One buffer for the reader's life: no allocation per byte or per shot.
/// </summary>
internal sealed class ByteInput
{
    /// <summary>Bytes fetched from the stream per refill.</summary>
    public const int BufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _pos;
    private int _len;
    private long _bufferStart;
    private bool _ended;

    public ByteInput(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>0-based offset in the stream of the next byte to be read.</summary>
    public long Position => _bufferStart + _pos;

    /// <summary>Offset of the byte most recently read (one before <see cref="Position"/>).</summary>
    public long LastPosition => Position - 1;

    /// <summary>Next byte, or -1 at end of data.</summary>
    public int ReadByte()
    {
        if (_pos < _len)
        {
            return _buffer[_pos++];
        }
        return Refill() ? _buffer[_pos++] : -1;
    }

    /// <summary>The bytes already buffered after the read position (may be empty; never refills).</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_pos, _len - _pos);

    /// <summary>Skips <paramref name="count"/> bytes of <see cref="Buffered"/>.</summary>
    public void Consume(int count) => _pos += count;

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes; returns how many were read, fewer only at
    /// end of data.
    /// </summary>
    public int Read(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            if (_pos >= _len && !Refill())
            {
                break;
            }
            int n = Math.Min(_len - _pos, destination.Length - total);
            _buffer.AsSpan(_pos, n).CopyTo(destination[total..]);
            _pos += n;
            total += n;
        }
        return total;
    }

    /// <summary>Fetches the next block; false at end of data.</summary>
    private bool Refill()
    {
        if (_ended)
        {
            return false;
        }
        _bufferStart += _len;
        _pos = 0;
        _len = 0;
        int n = _stream.Read(_buffer, 0, _buffer.Length);
        if (n <= 0)
        {
            _ended = true;
            return false;
        }
        _len = n;
        return true;
    }
}
