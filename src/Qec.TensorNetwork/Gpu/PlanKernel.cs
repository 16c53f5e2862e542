using ILGPU;
using Qec.Gpu;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// Exact class weights on the device, one thread per shot: the steps of a <see cref="DevicePlan"/> run as
/// <see cref="Contraction.PlanExecutor{T}"/> runs them — the same gathers, products and sums in the same
/// order, the same renormalization — so the weights equal the CPU path's (products through
/// <see cref="DeviceMath.Multiply"/>, so no multiply-add is fused on a card; logarithms may differ in the
/// last bit on a card, whose log is not the CPU's).
/// </summary>
public static class PlanKernel
{
    /// <summary>ln W(c | s) for every class of shot <paramref name="shot"/>.</summary>
    /// <param name="shot">Thread index = shot within the batch.</param>
    /// <param name="plan">The flattened plan.</param>
    /// <param name="syndromes">b8-packed syndromes, <paramref name="detectorBytes"/> per shot.</param>
    /// <param name="detectorBytes">Bytes of one syndrome.</param>
    /// <param name="workspace">Per-shot slabs, index-major and shot-minor (element i of shot s at i·stride + s).</param>
    /// <param name="logScales">Per node and shot (node·stride + shot).</param>
    /// <param name="stride">Shots in the batch.</param>
    /// <param name="logWeights">Output, shot-major: FinalLength values per shot.</param>
    public static void Contract(Index1D shot, DevicePlanView plan, ArrayView<byte> syndromes, int detectorBytes,
        ArrayView<double> workspace, ArrayView<double> logScales, int stride, ArrayView<double> logWeights)
    {
        for (int k = 0; k < plan.StepCount; k++)
        {
            int s = k * DevicePlan.StepStride;
            int left = plan.Steps[s], right = plan.Steps[s + 1], result = plan.Steps[s + 2];
            int nb = plan.Steps[s + 3], nl = plan.Steps[s + 4], nr = plan.Steps[s + 5], ns = plan.Steps[s + 6];
            GatherInto(plan, syndromes, detectorBytes, workspace, stride, shot, left, plan.Steps[s + 7], plan.Steps[s + 8], plan.Steps[s + 9], plan.ScratchA);
            GatherInto(plan, syndromes, detectorBytes, workspace, stride, shot, right, plan.Steps[s + 10], plan.Steps[s + 11], plan.Steps[s + 12], plan.ScratchB);
            int c = plan.NodeA[result];
            for (int b = 0; b < nb; b++)
            {
                for (int l = 0; l < nl; l++)
                {
                    int row = c + (b * nl + l) * nr;
                    for (int r = 0; r < nr; r++)
                    {
                        workspace[Slot(row + r, stride, shot)] = 0;
                    }
                    for (int m = 0; m < ns; m++)
                    {
                        double a = workspace[Slot(plan.ScratchA + (b * nl + l) * ns + m, stride, shot)];
                        if (a == 0)
                        {
                            continue;
                        }
                        int bRow = plan.ScratchB + (b * ns + m) * nr;
                        for (int r = 0; r < nr; r++)
                        {
                            long at = Slot(row + r, stride, shot);
                            workspace[at] = workspace[at] + DeviceMath.Multiply(a, workspace[Slot(bRow + r, stride, shot)]);
                        }
                    }
                }
            }
            logScales[(long)result * stride + shot] = LogScale(logScales, left, plan, stride, shot) + LogScale(logScales, right, plan, stride, shot)
                + Normalize(workspace, c, nb * nl * nr, stride, shot);
        }
        GatherInto(plan, syndromes, detectorBytes, workspace, stride, shot, plan.LastNode, plan.FinalStart, plan.FinalFold, plan.FinalLength, plan.ResultOffset);
        double logScale = LogScale(logScales, plan.LastNode, plan, stride, shot) + Normalize(workspace, plan.ResultOffset, plan.FinalLength, stride, shot);
        for (int k = 0; k < plan.FinalLength; k++)
        {
            double value = workspace[Slot(plan.ResultOffset + k, stride, shot)];
            logWeights[(long)(int)shot * plan.FinalLength + k] = value > 0 ? Math.Log(value) + logScale : double.NegativeInfinity;
        }
    }

    private static long Slot(int index, int stride, int shot) => (long)index * stride + shot;

    private static double LogScale(ArrayView<double> logScales, int node, DevicePlanView plan, int stride, int shot) =>
        plan.NodeKind[node] == 2 ? logScales[(long)node * stride + shot] : 0;

    /// <summary>Element i of a node: an input's constant (a detector's by its syndrome bit) or the shot's workspace.</summary>
    private static double Value(DevicePlanView plan, ArrayView<byte> syndromes, int detectorBytes, ArrayView<double> workspace, int stride, int shot, int node, int i)
    {
        int kind = plan.NodeKind[node];
        if (kind == 0)
        {
            return plan.Constants[plan.NodeA[node] + i];
        }
        if (kind == 1)
        {
            int detector = plan.NodeA[node];
            bool bit = ((syndromes[(long)shot * detectorBytes + (detector >> 3)] >> (detector & 7)) & 1) != 0;
            // The even version, then the odd one, each NodeSize long.
            return plan.Constants[plan.NodeB[node] + (bit ? plan.NodeSize[node] : 0) + i];
        }
        return workspace[Slot(plan.NodeA[node] + i, stride, shot)];
    }

    /// <summary>target[k] = Σ_f node[offsets[start + k·fold + f]], into the shot's workspace at <paramref name="target"/>.</summary>
    private static void GatherInto(DevicePlanView plan, ArrayView<byte> syndromes, int detectorBytes, ArrayView<double> workspace, int stride, int shot,
        int node, int start, int fold, int length, int target)
    {
        for (int k = 0, o = start; k < length; k++)
        {
            double sum = 0;
            for (int f = 0; f < fold; f++, o++)
            {
                sum += Value(plan, syndromes, detectorBytes, workspace, stride, shot, node, plan.Offsets[o]);
            }
            workspace[Slot(target + k, stride, shot)] = sum;
        }
    }

    /// <summary>Divides a range by its largest magnitude; returns its log (0 for all zeros or a largest of 1).</summary>
    private static double Normalize(ArrayView<double> workspace, int start, int length, int stride, int shot)
    {
        double max = 0;
        for (int k = 0; k < length; k++)
        {
            double v = workspace[Slot(start + k, stride, shot)];
            max = Math.Max(max, v < 0 ? -v : v);
        }
        if (max == 0 || max == 1)
        {
            return 0;
        }
        double inverse = 1 / max;
        for (int k = 0; k < length; k++)
        {
            long at = Slot(start + k, stride, shot);
            workspace[at] = DeviceMath.Multiply(workspace[at], inverse);
        }
        return Math.Log(max);
    }
}
