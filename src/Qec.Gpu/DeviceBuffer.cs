using ILGPU;
using ILGPU.Runtime;

namespace Qec.Gpu;

/// <summary>
/// A device array that grows on demand and is reused batch after batch (no allocation once it has
/// reached the largest batch). Not thread-safe: owned by one batch decoder, used under its lock.
/// </summary>
/// <typeparam name="T">Element type (unmanaged; no bool — use byte).</typeparam>
public sealed class DeviceBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly Accelerator _accelerator;
    private MemoryBuffer1D<T, Stride1D.Dense>? _buffer;

    /// <summary>An empty buffer on <paramref name="accelerator"/>.</summary>
    public DeviceBuffer(Accelerator accelerator) => _accelerator = accelerator;

    /// <summary>The first <paramref name="length"/> elements, growing the buffer when it is shorter.</summary>
    public ArrayView<T> View(long length)
    {
        if (_buffer is null || _buffer.Length < length)
        {
            _buffer?.Dispose();
            _buffer = _accelerator.Allocate1D<T>(Math.Max(1, length));
        }
        return _buffer.View.SubView(0, Math.Max(1, length));
    }

    /// <summary>Copies <paramref name="source"/> to the device and returns its view.</summary>
    public ArrayView<T> Upload(ReadOnlySpan<T> source)
    {
        var view = View(source.Length);
        view.SubView(0, source.Length).CopyFromCPU(source);
        return view;
    }

    /// <inheritdoc/>
    public void Dispose() => _buffer?.Dispose();
}
