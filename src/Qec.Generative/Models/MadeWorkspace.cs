using System.Numerics;

namespace Qec.Generative.Models;

/// <summary>
/// Per-thread buffers of a <see cref="MadeNetwork{T}"/>. After a forward pass they hold, for the last sample:
/// the bits as 0/1 values, every hidden layer's activations a_l and outputs h_l, the condition sums and the
/// output logits z — exactly what the backward pass of that sample reads.
/// </summary>
public sealed class MadeWorkspace<T> : AutoregressiveWorkspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal MadeWorkspace(MadeNetwork<T> owner)
        : base(owner.Config.Variables)
    {
        Network = owner;
        var config = owner.Config;
        int n = config.Variables, h = config.HiddenWidth, layers = config.HiddenLayers;
        Activations = new T[layers][];
        Hidden = new T[layers][];
        DHidden = new T[layers][];
        HiddenCondition = new T[layers][];
        for (int l = 0; l < layers; l++)
        {
            Activations[l] = new T[h];
            Hidden[l] = new T[h];
            DHidden[l] = new T[h];
            HiddenCondition[l] = config.ConditionSize > 0 ? new T[h] : [];
        }
        OutputCondition = config.ConditionSize > 0 ? new T[n] : [];
        Scratch = new T[Math.Max(n, h)];
    }

    internal override object Owner => Network;

    internal MadeNetwork<T> Network { get; }

    /// <summary>a_l = f(pre-activation) per hidden layer.</summary>
    internal T[][] Activations { get; }

    /// <summary>h_l = a_l (+ h_{l−1} when residual) per hidden layer.</summary>
    internal T[][] Hidden { get; }

    /// <summary>dL/dh_l during backward.</summary>
    internal T[][] DHidden { get; }

    /// <summary>Σ_{c_j = 1} V_l[j, ·] per hidden layer (empty when unconditioned).</summary>
    internal T[][] HiddenCondition { get; }

    /// <summary>The condition's share of the output logits (empty when unconditioned).</summary>
    internal T[] OutputCondition { get; }

    /// <summary>dL/d(pre-activation) of one layer during backward.</summary>
    internal T[] Scratch { get; }
}
