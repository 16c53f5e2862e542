using System.Numerics;

namespace Qec.Generative.Models;

/// <summary>The buffers every autoregressive network's workspace has: the bits of the pass, its inputs, logits and their gradient.</summary>
public abstract class AutoregressiveWorkspace<T> : ModelWorkspace where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Allocates the per-variable buffers of <paramref name="variables"/> bits.</summary>
    private protected AutoregressiveWorkspace(int variables)
    {
        Bits = new byte[variables];
        Input = new T[variables];
        Logits = new T[variables];
        DLogits = new T[variables];
    }

    /// <summary>s: given (evaluate) or chosen (sample, greedy) by the last pass.</summary>
    internal byte[] Bits { get; }

    /// <summary>The network's input encoding of s (0/1 for MADE, ±1 for PixelCNN).</summary>
    internal T[] Input { get; }

    /// <summary>z_i of the last pass.</summary>
    internal T[] Logits { get; }

    /// <summary>weight · d log q / dz_i, filled before the backward pass.</summary>
    internal T[] DLogits { get; }
}
