using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace Qec.Gpu;

/// <summary>
/// One ILGPU accelerator, opened once per process and kind and shared by every decoder that asks for
/// it (<see cref="Open"/>). Kernel launches and transfers of one batch must not interleave with another
/// thread's: hold <see cref="LaunchLock"/> around a batch. Lives until the process exits.
/// </summary>
public sealed class GpuAccelerator
{
    private static readonly Lazy<Context> SharedContext = new(() => Context.Create(builder => builder.Default().EnableAlgorithms()));
    private static readonly Dictionary<AcceleratorType, GpuAccelerator> Opened = [];

    private GpuAccelerator(Accelerator accelerator) => Accelerator = accelerator;

    /// <summary>The ILGPU accelerator.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Cuda, OpenCL or CPU.</summary>
    public AcceleratorType Kind => Accelerator.AcceleratorType;

    /// <summary>The device's name, e.g. "NVIDIA H200".</summary>
    public string Name => Accelerator.Name;

    /// <summary>Held by whoever runs a batch on this accelerator.</summary>
    public object LaunchLock { get; } = new();

    /// <summary>The ILGPU context every accelerator of this process belongs to (algorithms enabled, so System.Math maps to device math).</summary>
    public static Context Context => SharedContext.Value;

    /// <summary>
    /// The accelerator <paramref name="preference"/> names (Cuda before OpenCL when it names a GPU).
    /// Throws <see cref="InvalidOperationException"/> naming what the machine has when there is none.
    /// </summary>
    public static GpuAccelerator Open(AcceleratorPreference preference)
    {
        AcceleratorType[] order = preference switch
        {
            AcceleratorPreference.Best => [AcceleratorType.Cuda, AcceleratorType.OpenCL, AcceleratorType.CPU],
            AcceleratorPreference.Gpu => [AcceleratorType.Cuda, AcceleratorType.OpenCL],
            AcceleratorPreference.Cuda => [AcceleratorType.Cuda],
            AcceleratorPreference.OpenCL => [AcceleratorType.OpenCL],
            _ => [AcceleratorType.CPU],
        };
        lock (Opened)
        {
            foreach (var kind in order)
            {
                if (Opened.TryGetValue(kind, out var open))
                {
                    return open;
                }
                if (kind == AcceleratorType.CPU)
                {
                    // A few simulated threads: kernels run the same code, and tests stay quick on two cores.
                    return Opened[kind] = new GpuAccelerator(Context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel));
                }
                var device = Context.Devices.FirstOrDefault(d => d.AcceleratorType == kind);
                if (device is not null)
                {
                    try
                    {
                        return Opened[kind] = new GpuAccelerator(device.CreateAccelerator(Context));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // A listed device that will not open (driver, permissions, MIG): say which and why.
                        throw new InvalidOperationException($"the {kind} device {device.Name} is present but did not open: {e.Message}", e);
                    }
                }
            }
        }
        string found = string.Join(", ", Context.Devices.Select(d => $"{d.AcceleratorType} ({d.Name})"));
        throw new InvalidOperationException($"no {preference} accelerator on this machine; ILGPU finds: {found}");
    }
}
