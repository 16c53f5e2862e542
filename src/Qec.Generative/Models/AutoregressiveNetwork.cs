using System.Numerics;
using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Parameters;

namespace Qec.Generative.Models;

/// <summary>
/// What every autoregressive network here shares: one forward pass in the model's variable order (<see cref="Run"/>)
/// serves all four queries — it fixes each s_i as given (evaluate, conditionals), sampled or greedy as soon as its
/// logit z_i is known — and the gradient of log q through the Bernoulli outputs is d log q / dz_i = s_i − σ(z_i) for
/// every model, so a subclass supplies only its pass, how it loads given bits, and its backward pass from the logits.
/// </summary>
public abstract class AutoregressiveNetwork<T, TWorkspace> : IAutoregressiveModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TWorkspace : AutoregressiveWorkspace<T>
{
    /// <summary>How a pass fixes each variable once its logit is known.</summary>
    protected enum PassMode
    {
        /// <summary>As given in the workspace's bits.</summary>
        Evaluate,
        /// <summary>Drawn from σ(z_i).</summary>
        Sample,
        /// <summary>The likelier value, s_i = [z_i &gt; 0].</summary>
        Greedy,
    }

    /// <inheritdoc />
    public abstract int Variables { get; }

    /// <inheritdoc />
    public abstract int ConditionSize { get; }

    /// <inheritdoc />
    public abstract ParameterSet<T> Parameters { get; }

    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <inheritdoc />
    public abstract ModelWorkspace CreateWorkspace();

    /// <inheritdoc />
    public abstract IReadOnlyDictionary<string, string> DescribeArchitecture();

    /// <inheritdoc />
    public T LogProbability(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        Load(bits, ws);
        var rng = default(Xoshiro256StarStar);
        return Run(ws, condition, PassMode.Evaluate, ref rng);
    }

    /// <inheritdoc />
    public T Conditionals(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, Span<T> probabilities, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        if (probabilities.Length != Variables)
            throw new ArgumentException($"{probabilities.Length} probabilities for {Variables} variables", nameof(probabilities));
        Load(bits, ws);
        var rng = default(Xoshiro256StarStar);
        T logq = Run(ws, condition, PassMode.Evaluate, ref rng);
        for (int i = 0; i < Variables; i++) probabilities[i] = BernoulliMath.Sigmoid(ws.Logits[i]);
        return logq;
    }

    /// <inheritdoc />
    public T Sample(Span<byte> bits, ReadOnlySpan<byte> condition, ref Xoshiro256StarStar rng, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        T logq = Run(ws, condition, PassMode.Sample, ref rng);
        ws.Bits.CopyTo(bits);
        return logq;
    }

    /// <inheritdoc />
    public T Greedy(Span<byte> bits, ReadOnlySpan<byte> condition, ModelWorkspace workspace)
    {
        var ws = Check(workspace, bits.Length, condition);
        var rng = default(Xoshiro256StarStar);
        T logq = Run(ws, condition, PassMode.Greedy, ref rng);
        ws.Bits.CopyTo(bits);
        return logq;
    }

    /// <inheritdoc />
    public T AccumulateGradient(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> condition, T weight, ParameterSet<T> gradient, ModelWorkspace workspace)
    {
        T logq = LogProbability(bits, condition, workspace);
        var ws = (TWorkspace)workspace;
        for (int i = 0; i < Variables; i++)
            ws.DLogits[i] = weight * ((ws.Bits[i] != 0 ? T.One : T.Zero) - BernoulliMath.Sigmoid(ws.Logits[i]));
        BackwardFromLogits(ws, condition, gradient);
        return logq;
    }

    /// <summary>
    /// The forward pass in the model's variable order. In <see cref="PassMode.Evaluate"/> the workspace's bits hold s
    /// on entry (see <see cref="Load"/>); otherwise they receive the chosen bits. Fills the workspace's logits and
    /// returns log q(s | c) = Σ_i log σ(±z_i).
    /// </summary>
    protected abstract T Run(TWorkspace ws, ReadOnlySpan<byte> condition, PassMode mode, ref Xoshiro256StarStar rng);

    /// <summary>Adds weight · d log q / dθ to <paramref name="gradient"/>, given the workspace's DLogits = weight · d log q / dz after a pass.</summary>
    protected abstract void BackwardFromLogits(TWorkspace ws, ReadOnlySpan<byte> condition, ParameterSet<T> gradient);

    /// <summary>Puts given bits into the workspace before an evaluate pass (default: the bits only).</summary>
    protected virtual void Load(ReadOnlySpan<byte> bits, TWorkspace ws) => bits.CopyTo(ws.Bits);

    /// <summary>Extra words for the wrong-size message (e.g. the lattice shape).</summary>
    protected virtual string ShapeNote => "";

    /// <summary>Variable i's value in a pass: given, drawn from σ(z) or greedy.</summary>
    protected static bool Choose(PassMode mode, byte given, T z, ref Xoshiro256StarStar rng) => mode switch
    {
        PassMode.Evaluate => given != 0,
        PassMode.Sample => rng.NextDouble() < double.CreateTruncating(BernoulliMath.Sigmoid(z)),
        _ => z > T.Zero,
    };

    private TWorkspace Check(ModelWorkspace workspace, int bits, ReadOnlySpan<byte> condition)
    {
        if (workspace is not TWorkspace ws || !ReferenceEquals(ws.Owner, this))
            throw new ArgumentException("the workspace was not created by this model", nameof(workspace));
        if (bits != Variables) throw new ArgumentException($"{bits} bits given for {Variables} variables{ShapeNote}");
        if (condition.Length != ConditionSize)
            throw new ArgumentException($"{condition.Length} condition bits given, the model takes {ConditionSize}", nameof(condition));
        return ws;
    }
}
