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
public sealed class PixelCnnNetwork<T> : IAutoregressiveModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal const string KindName = "pixelcnn";

    private readonly MaskedConv2d<T>[] _hidden;
    private readonly MaskedConv2d<T> _output;
    private readonly int _patchLength, _backwardScratch;

    private enum Mode { Evaluate, Sample, Greedy }

    /// <summary>Builds the network and initializes its weights from <paramref name="seed"/>.</summary>
    public PixelCnnNetwork(PixelCnnConfig config, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Parameters = new ParameterSet<T>();
        var window = new MaskedConv2dWindow(config.Height, config.Width, config.HalfWidth);
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
    public int Variables => Config.Variables;

    /// <inheritdoc />
    public int ConditionSize => Config.ConditionSize;

    /// <inheritdoc />
    public ParameterSet<T> Parameters { get; }

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ModelWorkspace CreateWorkspace() => new PixelCnnWorkspace<T>(this, _hidden.Length, _patchLength, _backwardScratch);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> DescribeArchitecture() => Config.ToMetadata();

    /// <inheritdoc />
    public T LogProbability(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        Load(bits, ws);
        var rng = default(Xoshiro256StarStar);
        return Run(ws, condition, Mode.Evaluate, ref rng);
    }

    /// <inheritdoc />
    public T Conditionals(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, Span<T> probabilities, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        if (probabilities.Length != Variables)
            throw new ArgumentException($"{probabilities.Length} probabilities for {Variables} variables", nameof(probabilities));
        Load(bits, ws);
        var rng = default(Xoshiro256StarStar);
        T logq = Run(ws, condition, Mode.Evaluate, ref rng);
        for (int i = 0; i < Variables; i++) probabilities[i] = BernoulliMath.Sigmoid(ws.Logits[i]);
        return logq;
    }

    /// <inheritdoc />
    public T Sample(Span<byte> bits, ReadOnlySpan<byte> condition, ref Xoshiro256StarStar rng, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        T logq = Run(ws, condition, Mode.Sample, ref rng);
        ws.Bits.CopyTo(bits);
        return logq;
    }

    /// <inheritdoc />
    public T Greedy(Span<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        var rng = default(Xoshiro256StarStar);
        T logq = Run(ws, condition, Mode.Greedy, ref rng);
        ws.Bits.CopyTo(bits);
        return logq;
    }

    /// <inheritdoc />
    public T AccumulateGradient(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, T weight, ParameterSet<T> gradient, ModelWorkspace workspace)
    {
        T logq = LogProbability(bits, condition, workspace);
        var ws = (PixelCnnWorkspace<T>)workspace;
        // d log q / dz_i = s_i − σ(z_i) for the Bernoulli output.
        for (int i = 0; i < Variables; i++)
            ws.DLogits[i] = weight * ((ws.Bits[i] != 0 ? T.One : T.Zero) - BernoulliMath.Sigmoid(ws.Logits[i]));
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
        return logq;
    }

    /// <summary>
    /// The forward pass in raster order (see the class remarks). In Evaluate mode ws.Bits and ws.Input hold s on
    /// entry; otherwise they receive the chosen bits. Returns log q(s | c) = Σ_i log σ(±z_i).
    /// </summary>
    private T Run(PixelCnnWorkspace<T> ws, ReadOnlySpan<byte> condition, Mode mode, ref Xoshiro256StarStar rng)
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
            bool s = mode switch
            {
                Mode.Evaluate => ws.Bits[i] != 0,
                Mode.Sample => rng.NextDouble() < double.CreateTruncating(BernoulliMath.Sigmoid(z[0])),
                _ => z[0] > T.Zero,
            };
            ws.Bits[i] = s ? (byte)1 : (byte)0;
            ws.Input[i] = s ? T.One : T.NegativeOne;
            logq += BernoulliMath.LogProbability(s, z[0]);
        }
        return logq;
    }

    /// <summary>Copies the given bits and their inputs x = 2s − 1 into the workspace before an Evaluate pass.</summary>
    private static void Load(ReadOnlySpan<byte> bits, PixelCnnWorkspace<T> ws)
    {
        for (int i = 0; i < bits.Length; i++)
        {
            ws.Bits[i] = bits[i] != 0 ? (byte)1 : (byte)0;
            ws.Input[i] = bits[i] != 0 ? T.One : T.NegativeOne;
        }
    }

    private PixelCnnWorkspace<T> Check(ModelWorkspace workspace, int bits, ReadOnlySpan<byte> condition)
    {
        if (workspace is not PixelCnnWorkspace<T> ws || !ReferenceEquals(ws.Owner, this))
            throw new ArgumentException("the workspace was not created by this model", nameof(workspace));
        if (bits != Variables) throw new ArgumentException($"{bits} bits given for {Variables} variables ({Config.Height}×{Config.Width} lattice)");
        if (condition.Length != ConditionSize)
            throw new ArgumentException($"{condition.Length} condition bits given, the model takes {ConditionSize}", nameof(condition));
        return ws;
    }
}
