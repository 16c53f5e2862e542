using System.Numerics;
using ILGPU;

namespace Qec.Generative.Gpu;

/// <summary>
/// The MADE forward pass on a device, one thread per (shot, class): the same degree-order pass as
/// <see cref="Models.MadeNetwork{T}"/> (at step i the hidden units of degree i in every layer, then the logit z_i, then
/// the bit s_i), summed sequentially (the CPU path's dot products are vectorized, so the last bits of a logit may differ).
/// One-pass mode (one thread per shot) picks s_i = [z_i &gt; 0] (greedy); otherwise thread (shot, c) scores class c,
/// s_i = bit i of c. Either way it writes log q(s | c_shot) = Σ_i −softplus(∓z_i).
/// </summary>
public static class MadeKernel
{
    /// <summary>float32 network.</summary>
    /// <param name="thread">shot · classes + class.</param>
    /// <param name="net">The network.</param>
    /// <param name="conditions">Condition bytes (0/1), m per shot.</param>
    /// <param name="classes">Threads per shot: 1 in one-pass (greedy) mode, else 2^n.</param>
    /// <param name="scratch">Per-thread memory, <c>L·H + n</c> values per thread, thread-major.</param>
    /// <param name="logq">Out: log q per thread.</param>
    /// <param name="bits">Out (one-pass mode): the chosen bits, n per shot.</param>
    public static void ForwardF32(Index1D thread, DeviceMade<float> net, ArrayView<byte> conditions, int classes,
        ArrayView<float> scratch, ArrayView<float> logq, ArrayView<byte> bits) =>
        Forward(thread, net, conditions, classes, scratch, logq, bits);

    /// <summary>float64 network; parameters as <see cref="ForwardF32"/>.</summary>
    /// <param name="thread">shot · classes + class.</param>
    /// <param name="net">The network.</param>
    /// <param name="conditions">Condition bytes (0/1), m per shot.</param>
    /// <param name="classes">Threads per shot: 1 in one-pass (greedy) mode, else 2^n.</param>
    /// <param name="scratch">Per-thread memory, <c>L·H + n</c> values per thread, thread-major.</param>
    /// <param name="logq">Out: log q per thread.</param>
    /// <param name="bits">Out (one-pass mode): the chosen bits, n per shot.</param>
    public static void ForwardF64(Index1D thread, DeviceMade<double> net, ArrayView<byte> conditions, int classes,
        ArrayView<double> scratch, ArrayView<double> logq, ArrayView<byte> bits) =>
        Forward(thread, net, conditions, classes, scratch, logq, bits);

    private static void Forward<T>(Index1D thread, DeviceMade<T> net, ArrayView<byte> conditions, int classes,
        ArrayView<T> scratch, ArrayView<T> logq, ArrayView<byte> bits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int t = thread;
        int shot = t / classes, cls = t - shot * classes;
        int n = net.Variables, m = net.ConditionSize, width = net.Width, layers = net.Layers;
        long perThread = (long)layers * width + n;
        long hiddenBase = t * perThread, inputBase = hiddenBase + (long)layers * width;
        long conditionBase = (long)shot * m;
        T total = T.Zero;
        for (int i = 0; i < n; i++)
        {
            int from = net.DegreeStart[i], to = net.DegreeStart[i + 1];
            for (int l = 0; l < layers && from < to; l++)
            {
                long weight = net.HiddenWeight(l);
                int inputs = net.LayerInputs(l);
                long bias = weight + (long)width * inputs, condition = bias + width;
                long previous = l == 0 ? inputBase : hiddenBase + (long)(l - 1) * width;
                for (int k = from; k < to; k++)
                {
                    T pre = net.Weights[bias + k];
                    int length = net.RowLength[l * width + k];
                    for (int j = 0; j < length; j++)
                    {
                        pre += net.Weights[weight + (long)k * inputs + j] * scratch[previous + j];
                    }
                    for (int j = 0; j < m; j++)
                    {
                        if (conditions[conditionBase + j] != 0)
                        {
                            pre += net.Weights[condition + (long)j * width + k];
                        }
                    }
                    T a = net.Relu != 0 ? (pre > T.Zero ? pre : T.Zero) : T.Tanh(pre);
                    scratch[hiddenBase + (long)l * width + k] = net.Residual != 0 && l > 0 ? scratch[previous + k] + a : a;
                }
            }
            long last = layers > 0 ? hiddenBase + (long)(layers - 1) * width : inputBase;
            int lastInputs = layers > 0 ? width : n;
            T z = net.Weights[net.OutputBias + i];
            int rowLength = net.RowLength[layers * width + i];
            for (int j = 0; j < rowLength; j++)
            {
                z += net.Weights[net.OutputWeight + (long)i * lastInputs + j] * scratch[last + j];
            }
            for (int j = 0; j < m; j++)
            {
                if (conditions[conditionBase + j] != 0)
                {
                    z += net.Weights[net.OutputCondition + (long)j * n + i];
                }
            }
            bool s = classes == 1 ? z > T.Zero : ((cls >> i) & 1) != 0;
            // log σ(±z) = −softplus(∓z), softplus(x) = max(x, 0) + log(1 + e^−|x|).
            T x = s ? -z : z;
            total -= (x > T.Zero ? x : T.Zero) + T.Log(T.One + T.Exp(-T.Abs(x)));
            scratch[inputBase + i] = s ? T.One : T.Zero;
            if (classes == 1)
            {
                bits[(long)shot * n + i] = s ? (byte)1 : (byte)0;
            }
        }
        logq[t] = total;
    }
}
