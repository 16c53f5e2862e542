namespace Qec.StatMech.Variational;

/// <summary>
/// Settings of <see cref="VanTrainer{T}"/> (Wu, Wang &amp; Zhang, PRL 122, 080602 (2019); paper settings: batch 10⁴,
/// Adam lr 1e-3, β_t = β(1 − 0.998ᵗ)).
/// </summary>
/// <param name="Epochs">Gradient steps; one batch of fresh samples each.</param>
/// <param name="Batch">Samples per step (B ≥ 2: the baseline R̄ needs two).</param>
/// <param name="LearningRate">Adam step size α.</param>
/// <param name="AnnealRate">a in β_t = β(1 − aᵗ) at step t = 1, 2, …; 0 trains at β from the first step.</param>
/// <param name="ClipNorm">Largest global gradient norm (null: no clipping).</param>
/// <param name="Symmetry">How the spin-flip symmetry E(s) = E(−s) is built into the distribution (see <see cref="Z2Mode"/>).</param>
/// <param name="EvaluationSamples">Samples of the final estimate, drawn after training at β.</param>
/// <param name="FinalLearningRate">When set, α decays geometrically from <paramref name="LearningRate"/> to this over the
/// steps (a cooled-down end fit); null keeps α constant.</param>
/// <param name="Seed">Seed of every sample: sample b of step t draws from its own generator, so a run is the same for
/// every thread count up to the order in which gradients are summed.</param>
/// <param name="Threads">Worker threads (0: every core).</param>
/// <param name="UniformStart">Zero the tensors named "output.*" (the last layer of MADE and PixelCNN) when the trainer is
/// made, so a fresh network starts at q = uniform, F_q = −ln 2/β per spin, instead of at a random distribution whose KL grows
/// with n (on a 16×16 lattice, REINFORCE spends hundreds of steps just undoing a random start).</param>
public sealed record VanOptions(
    int Epochs = 1000,
    int Batch = 1000,
    double LearningRate = 1e-3,
    double AnnealRate = 0.998,
    double? ClipNorm = 1.0,
    Z2Mode Symmetry = Z2Mode.None,
    int EvaluationSamples = 10_000,
    double? FinalLearningRate = null,
    ulong Seed = 1,
    int Threads = 0,
    bool UniformStart = true)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be ≥ 0");
        if (Batch < 2) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "the batch needs at least 2 samples (the baseline is their mean)");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive and finite");
        if (!(AnnealRate >= 0 && AnnealRate < 1)) throw new ArgumentOutOfRangeException(nameof(AnnealRate), AnnealRate, "the anneal rate must lie in [0, 1)");
        if (ClipNorm is { } clip && !(clip > 0)) throw new ArgumentOutOfRangeException(nameof(ClipNorm), clip, "the clip norm must be positive");
        if (EvaluationSamples < 2)
            throw new ArgumentOutOfRangeException(nameof(EvaluationSamples), EvaluationSamples, "the estimate needs at least 2 samples");
        if (FinalLearningRate is { } final && (!(final > 0) || !double.IsFinite(final)))
            throw new ArgumentOutOfRangeException(nameof(FinalLearningRate), final, "the final learning rate must be positive and finite");
        if (!Enum.IsDefined(Symmetry)) throw new ArgumentOutOfRangeException(nameof(Symmetry), Symmetry, "unknown Z2 mode");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be ≥ 0 (0 = every core)");
    }
}

/// <summary>How a VAN distribution respects the spin-flip symmetry of a model without fields.</summary>
public enum Z2Mode
{
    /// <summary>The network's q itself (n variables).</summary>
    None,

    /// <summary>q_s(s) = ½[q(s) + q(−s)] for a network over all n spins: sample s ~ q and flip every spin with probability
    /// ½; ln q_s = logsumexp(ln q(s), ln q(−s)) − ln 2 (as the reference code's z2 option). About twice the cost.</summary>
    Symmetrized,

    /// <summary>q_s(s) = ½ q'(s₀ s₁, …, s₀ s_{n−1}) for a network q' over spins 1…n−1 given s₀ = +1: sample with s₀ = +1, then
    /// flip every spin with probability ½. Every symmetric distribution has this form, at no extra cost.</summary>
    PinnedFirstSpin,
}
