using System.Numerics;
using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Parameters;

namespace Qec.Generative.Models;

/// <summary>
/// MADE (Germain et al., ICML 2015) over n bits with an optional binary condition: hidden layers
/// h_l = f(M_l ⊙ W_l h_{l−1} + b_l + V_l c) (+ h_{l−1} when residual), logits z = M ⊙ W h_L + b + V c,
/// q(s_i = 1 | s_&lt;i, c) = σ(z_i). Parameters "hidden{l}.weight|bias|condition" and "output.weight|bias|condition".
/// <para>
/// Every pass runs in degree order: at step i it computes the hidden units of degree i in each layer (they need
/// s_&lt;i only), then z_i, then fixes s_i (given, sampled or greedy). Each unit is computed once, so sampling and
/// greedy decoding cost one forward pass, not n, and the condition is folded in once per sample.
/// </para>
/// </summary>
public sealed class MadeNetwork<T> : AutoregressiveNetwork<T, MadeWorkspace<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string KindName = "made";

    private readonly HiddenBlock<T>[] _hidden;
    private readonly MaskedDense<T> _output;
    private readonly int[] _degreeStart;

    /// <summary>Builds the network and initializes its weights from <paramref name="seed"/>.</summary>
    public MadeNetwork(MadeConfig config, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Parameters = new ParameterSet<T>();
        var masks = new MadeMasks(config.Variables, config.HiddenLayers > 0 ? config.HiddenWidth : 0, config.ConditionSize > 0);
        _degreeStart = masks.DegreeStart;
        _hidden = new HiddenBlock<T>[config.HiddenLayers];
        for (int l = 0; l < config.HiddenLayers; l++)
        {
            int inputs = l == 0 ? config.Variables : config.HiddenWidth;
            var dense = new MaskedDense<T>(Parameters, $"hidden{l}", inputs,
                l == 0 ? masks.InputToHidden() : masks.HiddenToHidden(), config.ConditionSize);
            _hidden[l] = new HiddenBlock<T>(dense, config.Activation, config.Residual && l > 0);
        }
        _output = new MaskedDense<T>(Parameters, "output", config.HiddenLayers > 0 ? config.HiddenWidth : config.Variables,
            masks.ToOutput(config.HiddenLayers > 0), config.ConditionSize);
        var rng = new Xoshiro256StarStar(seed);
        foreach (var block in _hidden) block.Initialize(ref rng);
        _output.Initialize(ref rng);
    }

    /// <summary>The architecture.</summary>
    public MadeConfig Config { get; }

    /// <inheritdoc />
    public override int Variables => Config.Variables;

    /// <inheritdoc />
    public override int ConditionSize => Config.ConditionSize;

    /// <inheritdoc />
    public override ParameterSet<T> Parameters { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    public override ModelWorkspace CreateWorkspace() => new MadeWorkspace<T>(this);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DescribeArchitecture() => Config.ToMetadata();

    /// <inheritdoc />
    protected override void BackwardFromLogits(MadeWorkspace<T> ws, ReadOnlySpan<byte> condition, ParameterSet<T> gradient)
    {
        int layers = _hidden.Length;
        Span<T> dLast = layers > 0 ? ws.DHidden[layers - 1] : [];
        dLast.Clear();
        _output.Backward(layers > 0 ? ws.Hidden[layers - 1] : ws.Input, condition, ws.DLogits, gradient, dLast);
        for (int l = layers - 1; l >= 0; l--)
        {
            Span<T> dPrevious = l > 0 ? ws.DHidden[l - 1] : [];
            dPrevious.Clear();
            _hidden[l].Backward(l > 0 ? ws.Hidden[l - 1] : ws.Input, condition, ws.Activations[l], ws.DHidden[l],
                gradient, dPrevious, ws.Scratch);
        }
    }

    /// <inheritdoc />
    /// <remarks>In degree order (see the class remarks); the input of s_i is 0 or 1.</remarks>
    protected override T Run(MadeWorkspace<T> ws, ReadOnlySpan<byte> condition, PassMode mode, ref Xoshiro256StarStar rng)
    {
        int layers = _hidden.Length;
        if (ConditionSize > 0)
        {
            for (int l = 0; l < layers; l++) _hidden[l].Dense.Condition(condition, ws.HiddenCondition[l]);
            _output.Condition(condition, ws.OutputCondition);
        }
        ReadOnlySpan<T> last = layers > 0 ? ws.Hidden[layers - 1] : ws.Input;
        T logq = T.Zero;
        for (int i = 0; i < Variables; i++)
        {
            // Hidden units of degree i see s_<i and c only (MadeMasks); lower degrees were computed at earlier steps.
            int from = _degreeStart[i], to = _degreeStart[i + 1];
            for (int l = 0; l < layers && from < to; l++)
                _hidden[l].Forward(from, to, l > 0 ? ws.Hidden[l - 1] : ws.Input, ws.HiddenCondition[l], ws.Activations[l], ws.Hidden[l]);
            T z = _output.Row(i, last, ws.OutputCondition);
            ws.Logits[i] = z;
            bool s = Choose(mode, ws.Bits[i], z, ref rng);
            ws.Bits[i] = s ? (byte)1 : (byte)0;
            ws.Input[i] = s ? T.One : T.Zero;
            logq += BernoulliMath.LogProbability(s, z);
        }
        return logq;
    }
}
