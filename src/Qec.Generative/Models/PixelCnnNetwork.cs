using System.Numerics;
using System.Numerics.Tensors;
using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Parameters;

namespace Qec.Generative.Models;

/// <summary>
/// PixelCNN (van den Oord et al., ICML 2016 §3.5 and NeurIPS 2016) over an H×W lattice of bits in raster order, the
/// 2D architecture of the variational autoregressive network (Wu, Wang and Zhang, PRL 122, 080602, 2019). Input
/// x = 2s − 1 (one channel, zero padding outside the lattice: open boundary — any periodicity belongs to the energy,
/// not the model); hidden layers h_0 = f(convA(x)), h_l = f(convB_l(h_{l−1})) (+ h_{l−1} when residual), logits
/// z = convB_out(h_last), q(s_i = 1 | s_&lt;i, c) = σ(z_i). Every layer may add a condition bias V·c per channel.
/// Parameters "conv{l}.weight|bias|condition" and "output.weight|bias|condition" (see <see cref="MaskedConv2d{T}"/>).
/// <para>
/// Every forward pass runs in raster order: at site i it computes every hidden layer at site i only (mask A then
/// mask B read sites ≤ i of the layer below, all already computed; see <see cref="MaskedConv2dWindow"/>), then
/// z_i, then fixes s_i (given, sampled or greedy). Each activation is computed once, so sampling and greedy decoding
/// cost one forward pass, not n. The backward pass runs layer by layer over the whole lattice.
/// </para>
/// </summary>
public sealed class PixelCnnNetwork<T> : AutoregressiveNetwork<T, PixelCnnWorkspace<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string KindName = "pixelcnn";

    private readonly MaskedConv2d<T>[] _hidden;
    private readonly MaskedConv2d<T> _output;
    private readonly int _patchLength, _backwardScratch;

    /// <summary>Builds the network and initializes its weights from <paramref name="seed"/>.</summary>
    public PixelCnnNetwork(PixelCnnConfig config, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Parameters = new ParameterSet<T>();
        var window = new MaskedConv2dWindow(config.Height, config.Width, config.HalfWidth, config.Periodic);
        int c = config.Channels, m = config.ConditionSize;
        _hidden = new MaskedConv2d<T>[config.Layers - 1];
        for (int l = 0; l < _hidden.Length; l++)
            _hidden[l] = new MaskedConv2d<T>(Parameters, $"conv{l}", window, maskA: l == 0, l == 0 ? 1 : c, c, m);
        _output = new MaskedConv2d<T>(Parameters, "output", window, maskA: _hidden.Length == 0, _hidden.Length == 0 ? 1 : c, 1, m);
        var rng = new Xoshiro256StarStar(seed);
        _patchLength = _output.PatchLength;
        _backwardScratch = _output.BackwardScratchLength;
        foreach (var layer in _hidden)
        {
            layer.Initialize(ref rng);
            _patchLength = Math.Max(_patchLength, layer.PatchLength);
            _backwardScratch = Math.Max(_backwardScratch, layer.BackwardScratchLength);
        }
        _output.Initialize(ref rng);
    }

    /// <summary>The architecture.</summary>
    public PixelCnnConfig Config { get; }

    /// <inheritdoc />
    public override int Variables => Config.Variables;

    /// <inheritdoc />
    public override int ConditionSize => Config.ConditionSize;

    /// <inheritdoc />
    public override ParameterSet<T> Parameters { get; }

    /// <inheritdoc />
    public override string Kind => KindName;

    /// <inheritdoc />
    public override ModelWorkspace CreateWorkspace() => new PixelCnnWorkspace<T>(this, _hidden.Length, _patchLength, _backwardScratch);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DescribeArchitecture() => Config.ToMetadata();

    /// <inheritdoc />
    protected override void BackwardFromLogits(PixelCnnWorkspace<T> ws, ReadOnlySpan<byte> condition, ParameterSet<T> gradient)
    {
        int layers = _hidden.Length;
        Span<T> dLast = layers > 0 ? ws.DHidden[layers - 1] : [];
        dLast.Clear();
        _output.Backward(layers > 0 ? ws.Hidden[layers - 1] : ws.Input, condition, ws.DLogits, gradient, dLast, ws.Scratch);
        var activation = Config.Activation;
        for (int l = layers - 1; l >= 0; l--)
        {
            var a = ws.Activations[l];
            var dh = ws.DHidden[l];
            for (int k = 0; k < dh.Length; k++) ws.DPre[k] = dh[k] * ActivationMath.DerivativeFromOutput(activation, a[k]);
            Span<T> dPrevious = l > 0 ? ws.DHidden[l - 1] : [];
            dPrevious.Clear();
            _hidden[l].Backward(l > 0 ? ws.Hidden[l - 1] : ws.Input, condition, ws.DPre, gradient, dPrevious, ws.Scratch);
            // h_l = a_l + h_{l−1}: the identity path passes dL/dh_l straight down.
            if (Config.Residual && l > 0) TensorPrimitives.Add(dPrevious, dh, dPrevious);
        }
    }

    /// <inheritdoc />
    /// <remarks>In raster order (see the class remarks); the input of s_i is ±1, loaded for all sites before an evaluate pass.</remarks>
    protected override T Run(PixelCnnWorkspace<T> ws, ReadOnlySpan<byte> condition, PassMode mode, ref Xoshiro256StarStar rng)
    {
        int layers = _hidden.Length, c = Config.Channels;
        if (ConditionSize > 0)
        {
            for (int l = 0; l < layers; l++) _hidden[l].Condition(condition, ws.HiddenCondition[l]);
            _output.Condition(condition, ws.OutputCondition);
        }
        bool tanh = Config.Activation == Activation.Tanh, residual = Config.Residual;
        ReadOnlySpan<T> last = layers > 0 ? ws.Hidden[layers - 1] : ws.Input;
        Span<T> z = stackalloc T[1];
        T logq = T.Zero;
        for (int i = 0; i < Variables; i++)
        {
            for (int l = 0; l < layers; l++)
            {
                var a = ws.Activations[l].AsSpan(i * c, c);
                _hidden[l].ForwardSite(i, l > 0 ? ws.Hidden[l - 1] : ws.Input, ws.HiddenCondition[l], a, ws.Patch);
                if (tanh) TensorPrimitives.Tanh<T>(a, a);
                else TensorPrimitives.Max(a, T.Zero, a);
                var h = ws.Hidden[l].AsSpan(i * c, c);
                if (residual && l > 0) TensorPrimitives.Add(a, ws.Hidden[l - 1].AsSpan(i * c, c), h);
                else a.CopyTo(h);
            }
            _output.ForwardSite(i, last, ws.OutputCondition, z, ws.Patch);
            ws.Logits[i] = z[0];
            bool s = Choose(mode, ws.Bits[i], z[0], ref rng);
            ws.Bits[i] = s ? (byte)1 : (byte)0;
            ws.Input[i] = s ? T.One : T.NegativeOne;
            logq += BernoulliMath.LogProbability(s, z[0]);
        }
        return logq;
    }

    /// <summary>Copies the given bits and their inputs x = 2s − 1 into the workspace before an Evaluate pass.</summary>
    protected override void Load(ReadOnlySpan<byte> bits, PixelCnnWorkspace<T> ws)
    {
        for (int i = 0; i < bits.Length; i++)
        {
            ws.Bits[i] = bits[i] != 0 ? (byte)1 : (byte)0;
            ws.Input[i] = bits[i] != 0 ? T.One : T.NegativeOne;
        }
    }

    /// <inheritdoc />
    protected override string ShapeNote => $" ({Config.Height}×{Config.Width} lattice)";
}
