using Qec.Core.Formats.IO;
using Qec.Core.Formats.Writing;

namespace Qec.Core.Formats;

/// <summary>
/// Writes b8-packed shots to a stream in one of Stim's sample formats, byte-identical to Stim's output.
/// Buffered; nothing is allocated per shot. Bits at or above <see cref="ShotLayout.BitsPerShot"/> in the
/// last byte of a given shot are ignored (output padding is always zero).
/// </summary>
/// <remarks>
/// ptb64 holds shots until it has a group of 64; <see cref="Flush"/> and <see cref="Dispose"/> throw
/// <see cref="InvalidOperationException"/> while a group is incomplete (the error is reported once: a
/// Dispose after a Flush that threw closes quietly).
/// </remarks>
public sealed class SampleWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ByteOutput _output;
    private readonly ShotEncoder _encoder;
    private bool _partialGroupReported;
    private bool _disposed;

    /// <summary>Creates a writer over a stream.</summary>
    /// <param name="stream">Where the data goes.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    /// <param name="leaveOpen">When true, <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    public SampleWriter(Stream stream, SampleFormat format, ShotLayout layout, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        Layout = layout;
        _output = new ByteOutput(stream);
        _encoder = format switch
        {
            SampleFormat.Format01 => new Format01Encoder(_output, layout),
            SampleFormat.B8 => new B8Encoder(_output, layout),
            SampleFormat.R8 => new R8Encoder(_output, layout),
            SampleFormat.Dets => new DetsEncoder(_output, layout),
            SampleFormat.Hits => new HitsEncoder(_output, layout),
            SampleFormat.Ptb64 => new Ptb64Encoder(_output, layout),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a defined sample format"),
        };
    }

    /// <summary>Creates (or truncates) a file for writing.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    public static SampleWriter Create(string path, SampleFormat format, ShotLayout layout)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        try
        {
            return new SampleWriter(file, format, layout);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The format written.</summary>
    public SampleFormat Format { get; }

    /// <summary>Detectors and observables in each shot.</summary>
    public ShotLayout Layout { get; }

    /// <summary>Shots given to <see cref="WriteShot"/> so far (for ptb64, including those of an incomplete group).</summary>
    public long ShotsWritten { get; private set; }

    /// <summary>Writes one shot given b8-packed in the first <see cref="ShotLayout.BytesPerShot"/> bytes of <paramref name="packedShot"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="packedShot"/> is shorter than a shot.</exception>
    public void WriteShot(ReadOnlySpan<byte> packedShot)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int bytes = Layout.BytesPerShot;
        if (packedShot.Length < bytes)
        {
            throw new ArgumentException($"the shot holds {packedShot.Length} bytes but needs {bytes} ({Layout})", nameof(packedShot));
        }
        _encoder.Write(packedShot[..bytes]);
        ShotsWritten++;
    }

    /// <summary>
    /// Writes <paramref name="count"/> shots given b8-packed back to back (shot s at byte s · <see cref="ShotLayout.BytesPerShot"/>),
    /// as <paramref name="count"/> calls of <see cref="WriteShot"/> would, in fewer steps for b8.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="packedShots"/> is shorter than count shots.</exception>
    public void WriteShots(ReadOnlySpan<byte> packedShots, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long bytes = (long)Layout.BytesPerShot * count;
        if (packedShots.Length < bytes)
        {
            throw new ArgumentException($"{count} shots need {bytes} bytes ({Layout}), got {packedShots.Length}", nameof(packedShots));
        }
        _encoder.WriteMany(packedShots[..(int)bytes], count);
        ShotsWritten += count;
    }

    /// <summary>Writes all encoded data to the stream and flushes it.</summary>
    /// <exception cref="InvalidOperationException">ptb64 with an incomplete group of 64 shots (after flushing what is complete).</exception>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _output.Flush();
        ThrowIfPartialGroup();
    }

    /// <summary>Flushes and closes the stream (unless made with leaveOpen).</summary>
    /// <exception cref="InvalidOperationException">ptb64 with an incomplete group of 64 shots not already reported by <see cref="Flush"/>.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            _output.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
        ThrowIfPartialGroup();
    }

    private void ThrowIfPartialGroup()
    {
        int pending = _encoder.PendingShots;
        if (pending == 0 || _partialGroupReported)
        {
            return;
        }
        _partialGroupReported = true;
        throw new InvalidOperationException(
            $"ptb64 needs a multiple of 64 shots, but {ShotsWritten} were written: the last group has {pending} of 64 and was not written");
    }
}
