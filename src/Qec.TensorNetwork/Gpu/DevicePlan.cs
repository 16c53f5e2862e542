using ILGPU;
using ILGPU.Runtime;
using Qec.Gpu;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// A contraction plan of a <see cref="ParityNetwork"/> flattened into device arrays (uploaded once per
/// compiled decoder), the kernel parameter <see cref="View"/>. Per step 13 integers: left node, right
/// node, result node, batch / left / right / sum sizes, and for each operand the start, fold and length
/// of its gather in <see cref="DevicePlanView.Offsets"/>. Per node: kind (0 a fixed input in
/// <see cref="DevicePlanView.Constants"/>, 1 a detector input — its bit picks the even or odd values —,
/// 2 an intermediate in the shot's workspace), two arguments (fixed: constants offset; detector: its index
/// and the offset of its even values, the odd ones following; intermediate: workspace offset) and the size
/// of a detector input.
/// </summary>
public sealed class DevicePlan : IDisposable
{
    /// <summary>Integers per step in <see cref="DevicePlanView.Steps"/>.</summary>
    public const int StepStride = 13;

    private readonly List<IDisposable> _buffers = [];

    /// <summary>Flattens <paramref name="plan"/> of <paramref name="network"/> and uploads it to <paramref name="accelerator"/>.</summary>
    public DevicePlan(ParityNetwork network, ContractionPlan plan, Accelerator accelerator)
    {
        var dims = plan.Shape.Dimensions;
        var steps = new List<int>();
        var offsets = new List<int>();
        var constants = new List<double>();
        int nodes = plan.NodeIndices.Count;
        var kind = new int[nodes];
        var argA = new int[nodes];
        var argB = new int[nodes];
        var size = new int[nodes];
        int workspace = 0;
        for (int t = 0; t < plan.Shape.Count; t++)
        {
            var (values, detector) = network.Source(t);
            if (values is not null)
            {
                (kind[t], argA[t]) = (0, constants.Count);
                constants.AddRange(values);
            }
            else
            {
                var (even, odd) = network.DetectorTensors(detector);
                (kind[t], argA[t], argB[t], size[t]) = (1, detector, constants.Count, even.Length);
                constants.AddRange(even);
                constants.AddRange(odd);
            }
        }
        int scratch = 1;
        foreach (var step in plan.Steps)
        {
            var left = step.LeftGather(dims);
            var right = step.RightGather(dims);
            steps.AddRange([step.Left, step.Right, step.Result, (int)step.BatchSize, (int)step.LeftSize, (int)step.RightSize, (int)step.SumSize,
                offsets.Count, left.Fold, left.Length, offsets.Count + left.Offsets.Length, right.Fold, right.Length]);
            offsets.AddRange(left.Offsets);
            offsets.AddRange(right.Offsets);
            (kind[step.Result], argA[step.Result]) = (2, workspace);
            workspace += (int)step.ResultLength;
            scratch = Math.Max(scratch, Math.Max(left.Length, right.Length));
        }
        var final = plan.Final;
        FinalStart = offsets.Count;
        offsets.AddRange(final.Offsets);
        ScratchA = workspace;
        ScratchB = workspace + scratch;
        ResultOffset = workspace + 2 * scratch;
        SlabLength = ResultOffset + final.Length;
        View = new DevicePlanView
        {
            Steps = Upload(accelerator, steps.ToArray()),
            Offsets = Upload(accelerator, offsets.ToArray()),
            Constants = Upload(accelerator, constants.ToArray()),
            NodeKind = Upload(accelerator, kind),
            NodeA = Upload(accelerator, argA),
            NodeB = Upload(accelerator, argB),
            NodeSize = Upload(accelerator, size),
            StepCount = plan.Steps.Count,
            LastNode = plan.LastNode,
            FinalStart = FinalStart,
            FinalFold = final.Fold,
            FinalLength = final.Length,
            ScratchA = ScratchA,
            ScratchB = ScratchB,
            ResultOffset = ResultOffset,
            Nodes = nodes,
        };
    }

    /// <summary>The kernel parameter.</summary>
    public DevicePlanView View { get; }

    /// <summary>Doubles of one shot's workspace: every intermediate, two operand scratches and the result.</summary>
    public int SlabLength { get; }

    private int FinalStart { get; }

    private int ScratchA { get; }

    private int ScratchB { get; }

    private int ResultOffset { get; }

    /// <inheritdoc/>
    public void Dispose() => _buffers.ForEach(b => b.Dispose());

    private ArrayView<T> Upload<T>(Accelerator accelerator, T[] data)
        where T : unmanaged
    {
        var buffer = new DeviceBuffer<T>(accelerator);
        _buffers.Add(buffer);
        return buffer.Upload(data);
    }
}

/// <summary>The device arrays and sizes of a <see cref="DevicePlan"/> (see there for the layout).</summary>
public struct DevicePlanView
{
    /// <summary>Flattened steps, gather offsets, input constants, node kinds and arguments.</summary>
    public ArrayView<int> Steps, Offsets, NodeKind, NodeA, NodeB, NodeSize;

    /// <summary>Values of the fixed inputs and of both versions of every detector input.</summary>
    public ArrayView<double> Constants;

    /// <summary>Counts and workspace offsets.</summary>
    public int StepCount, LastNode, FinalStart, FinalFold, FinalLength, ScratchA, ScratchB, ResultOffset, Nodes;
}
