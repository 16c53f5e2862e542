using Qec.Core.Formats.IO;
using Qec.Core.Formats.Reading;

namespace Qec.Core.Formats;

/// <summary>
/// Reads shots in one of Stim's sample formats from a stream, one shot at a time into a b8-packed span
/// (ptb64 decodes 64 shots at a time), so files larger than memory stream through. The reader buffers
/// its input; nothing is allocated per shot.
/// </summary>
/// <remarks>
/// Malformed data throws <see cref="SampleFormatException"/> naming the source, the shot, the line (text
/// formats) and byte offset, and what was expected; after one the reader refuses further reads. b8 data
/// with set padding bits (above bit <see cref="ShotLayout.BitsPerShot"/> in a shot's last byte) is rejected,
/// since Stim writes them zero and they usually mean the layout is wrong.
/// </remarks>
public sealed class SampleReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ShotParser _parser;
    private bool _failed;
    private bool _disposed;

    /// <summary>Creates a reader over a stream.</summary>
    /// <param name="stream">The data; read forward only.</param>
    /// <param name="format">The format of the data.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    /// <param name="sourceName">Name of the data in error messages (e.g. the file path).</param>
    /// <param name="leaveOpen">When true, <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    /// <exception cref="ArgumentException">b8 or ptb64 with 0 bits per shot: the number of shots could not be known.</exception>
    public SampleReader(Stream stream, SampleFormat format, ShotLayout layout, string sourceName = "<stream>", bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (layout.BitsPerShot == 0 && format is SampleFormat.B8 or SampleFormat.Ptb64)
        {
            throw new ArgumentException($"{SampleFormats.Name(format)} data with 0 bits per shot holds no bytes, so its number of shots cannot be read", nameof(layout));
        }
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        Layout = layout;
        SourceName = sourceName;
        var input = new ByteInput(stream);
        _parser = format switch
        {
            SampleFormat.Format01 => new Format01Parser(input, layout, sourceName),
            SampleFormat.B8 => new B8Parser(input, layout, sourceName),
            SampleFormat.R8 => new R8Parser(input, layout, sourceName),
            SampleFormat.Dets => new DetsParser(input, layout, sourceName),
            SampleFormat.Hits => new HitsParser(input, layout, sourceName),
            SampleFormat.Ptb64 => new Ptb64Parser(input, layout, sourceName),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a defined sample format"),
        };
    }

    /// <summary>Opens a file for reading; its path names it in error messages.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The format of the data.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    public static SampleReader Open(string path, SampleFormat format, ShotLayout layout)
    {
        // bufferSize 1: the reader buffers itself, so FileStream's own buffer would only copy twice.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return new SampleReader(file, format, layout, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The format read.</summary>
    public SampleFormat Format { get; }

    /// <summary>Detectors and observables in each shot.</summary>
    public ShotLayout Layout { get; }

    /// <summary>Name of the data in error messages.</summary>
    public string SourceName { get; }

    /// <summary>Shots read so far.</summary>
    public long ShotsRead => _parser.ShotIndex;

    /// <summary>
    /// Reads the next shot, b8-packed (bit k in byte k&gt;&gt;3 at bit k&amp;7), into the first
    /// <see cref="ShotLayout.BytesPerShot"/> bytes of <paramref name="packedShot"/>; padding bits of the last
    /// byte come out zero and later bytes are untouched. Returns false at the clean end of the data.
    /// </summary>
    /// <exception cref="SampleFormatException">The data is malformed or ends inside a shot.</exception>
    /// <exception cref="ArgumentException"><paramref name="packedShot"/> is shorter than a shot.</exception>
    public bool TryReadShot(Span<byte> packedShot)
    {
        int bytes = Layout.BytesPerShot;
        if (packedShot.Length < bytes)
        {
            throw new ArgumentException($"the buffer holds {packedShot.Length} bytes but a shot needs {bytes} ({Layout})", nameof(packedShot));
        }
        EnsureUsable();
        try
        {
            return _parser.TryReadShot(packedShot[..bytes]);
        }
        catch (SampleFormatException)
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>
    /// Reads up to <c>packedShots.Length / BytesPerShot</c> shots, packed back to back; returns how many
    /// were read (fewer only at the end of the data).
    /// </summary>
    /// <exception cref="SampleFormatException">The data is malformed or ends inside a shot.</exception>
    public int ReadShots(Span<byte> packedShots)
    {
        int bytes = Layout.BytesPerShot;
        if (bytes == 0)
        {
            throw new InvalidOperationException("ReadShots needs at least one bit per shot; use TryReadShot");
        }
        int capacity = packedShots.Length / bytes;
        int count = 0;
        while (count < capacity && TryReadShot(packedShots.Slice(count * bytes, bytes)))
        {
            count++;
        }
        return count;
    }

    /// <summary>Closes the stream unless the reader was made with leaveOpen.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failed)
        {
            throw new InvalidOperationException($"{SourceName}: reading stopped at an earlier format error");
        }
    }
}
