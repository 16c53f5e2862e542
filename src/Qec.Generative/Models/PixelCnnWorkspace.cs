using System.Numerics;

namespace Qec.Generative.Models;

/// <summary>
/// Per-thread buffers of a <see cref="PixelCnnNetwork{T}"/>, all site-major (value [site · C + channel]). After a
/// forward pass they hold, for the last sample: the bits, the network input x = 2s − 1, every hidden layer's
/// activations a_l and outputs h_l over the whole lattice, the condition sums and the logits z — exactly what
/// the backward pass of that sample reads.
/// </summary>
public sealed class PixelCnnWorkspace<T> : AutoregressiveWorkspace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PixelCnnWorkspace(PixelCnnNetwork<T> owner, int hiddenLayers, int patchLength, int backwardScratch)
        : base(owner.Config.Variables)
    {
        Network = owner;
        var config = owner.Config;
        int n = config.Variables, c = config.Channels;
        Activations = new T[hiddenLayers][];
        Hidden = new T[hiddenLayers][];
        DHidden = new T[hiddenLayers][];
        HiddenCondition = new T[hiddenLayers][];
        for (int l = 0; l < hiddenLayers; l++)
        {
            Activations[l] = new T[n * c];
            Hidden[l] = new T[n * c];
            DHidden[l] = new T[n * c];
            HiddenCondition[l] = config.ConditionSize > 0 ? new T[c] : [];
        }
        OutputCondition = config.ConditionSize > 0 ? new T[1] : [];
        DPre = hiddenLayers > 0 ? new T[n * c] : [];
        Patch = new T[patchLength];
        Scratch = new T[backwardScratch];
    }

    internal override object Owner => Network;

    internal PixelCnnNetwork<T> Network { get; }

    /// <summary>a_l = f(conv_l(h_{l−1})) per hidden layer, sites · C.</summary>
    internal T[][] Activations { get; }

    /// <summary>h_l = a_l (+ h_{l−1} when residual) per hidden layer, sites · C.</summary>
    internal T[][] Hidden { get; }

    /// <summary>dL/dh_l during backward.</summary>
    internal T[][] DHidden { get; }

    /// <summary>Σ_{c_j = 1} V_l[j, ·] per hidden layer (empty when unconditioned).</summary>
    internal T[][] HiddenCondition { get; }

    /// <summary>The condition's share of the output logit (empty when unconditioned).</summary>
    internal T[] OutputCondition { get; }

    /// <summary>dL/d(pre-activation) of one hidden layer during backward, sites · C.</summary>
    internal T[] DPre { get; }

    /// <summary>One im2col patch for the forward pass (the longest over layers).</summary>
    internal T[] Patch { get; }

    /// <summary>Scratch of the layers' backward passes (the longest over layers).</summary>
    internal T[] Scratch { get; }
}
