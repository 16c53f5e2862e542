using System.Numerics;
using Qec.Generative.Models;
using Qec.Generative.Parameters;
using Qec.Generative.Training;
using Qec.StatMech.Models;

namespace Qec.StatMech.Variational;

/// <summary>
/// Variational autoregressive network (VAN; Wu, Wang &amp; Zhang, PRL 122, 080602 (2019)): fits any
/// <see cref="IAutoregressiveModel{T}"/> q over the n spins of an <see cref="IsingModel"/> by minimizing
/// βF_q = Σ_s q(s)[βE(s) + ln q(s)] = E_q[R], R = ln q(s) + βE(s).
/// <para>
/// Gradient (REINFORCE, paper eq. 4): ∇βF_q = E_q[(R − R̄) ∇ln q(s)] — the baseline R̄ (batch mean) changes nothing in
/// expectation because E_q[∇ln q] = ∇Σq = 0, and cuts the variance. Estimated from B samples with weights
/// (R_b − R̄)/B in <see cref="IAutoregressiveModel{T}.AccumulateGradient"/>, clipped to a global norm, then one Adam
/// step. β is annealed, β_t = β(1 − aᵗ) (paper: a = 0.998), so early steps fit a hot, easy distribution and the
/// network does not collapse onto one mode of a cold one.
/// </para>
/// </summary>
public sealed class VanTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IsingModel _model;
    private readonly IAutoregressiveModel<T> _network;
    private readonly AdamOptimizer<T> _adam;
    private readonly VanBatch<T> _batch;
    private readonly double[] _weights;
    private ulong _stream;

    /// <summary>A trainer of <paramref name="network"/> (n variables, unconditioned; trained in place) for
    /// <paramref name="model"/>.</summary>
    public VanTrainer(IsingModel model, IAutoregressiveModel<T> network, VanOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var variables = options.Symmetry == Z2Mode.PinnedFirstSpin ? model.Size - 1 : model.Size;
        if (network.Variables != variables)
            throw new ArgumentException($"the network has {network.Variables} variables but {model.Name} needs {variables} ({model.Size} spins{(variables < model.Size ? ", the first pinned" : "")})", nameof(network));
        if (network.ConditionSize != 0)
            throw new ArgumentException($"the network takes {network.ConditionSize} condition bits; VAN needs an unconditioned one", nameof(network));
        if (options.Symmetry != Z2Mode.None && model.HasFields)
            throw new ArgumentException($"Z2 symmetry needs E(s) = E(−s), but {model.Name} has fields", nameof(options));
        _model = model;
        _network = network;
        Options = options;
        _adam = new AdamOptimizer<T>(network.Parameters, new AdamOptions(options.LearningRate, ClipNorm: options.ClipNorm));
        _batch = new VanBatch<T>(model, network, options.Batch, options.Symmetry, options.Threads);
        _weights = new double[options.Batch];
        if (options.UniformStart)
        {
            foreach (var tensor in network.Parameters)
                if (tensor.Name.StartsWith("output.", StringComparison.Ordinal)) Array.Clear(tensor.Data);
        }
    }

    /// <summary>The settings.</summary>
    public VanOptions Options { get; }

    /// <summary>Trains at <paramref name="beta"/> for <see cref="VanOptions.Epochs"/> steps, annealed from
    /// <paramref name="startBeta"/> (0: a fresh network; a lower β the network was trained at before: a warm start along a
    /// grid of β), reporting each step to <paramref name="progress"/>; then returns the estimate from
    /// <see cref="VanOptions.EvaluationSamples"/> fresh samples. Adam's moments carry over between calls.</summary>
    public VanEstimate Train(double beta, Action<VanEpoch>? progress = null, double startBeta = 0)
    {
        CheckBeta(beta);
        if (!(startBeta >= 0 && startBeta <= beta))
            throw new ArgumentOutOfRangeException(nameof(startBeta), startBeta, "the start β must lie in [0, β]");
        var decay = Options.FinalLearningRate is { } final && Options.Epochs > 1
            ? Math.Pow(final / Options.LearningRate, 1.0 / (Options.Epochs - 1))
            : 1.0;
        for (var t = 1; t <= Options.Epochs; t++)
        {
            _adam.LearningRate = Options.LearningRate * Math.Pow(decay, t - 1);
            // β_t = β(1 − aᵗ) (Wu et al., supplement) from a fresh start, β − (β − β₀)aᵗ from β₀; a = 0 gives β throughout.
            var betaT = beta - (beta - startBeta) * Math.Pow(Options.AnnealRate, t);
            var (mean, variance) = EstimateGradient(betaT);
            var norm = _adam.Step(_batch.Gradient);
            progress?.Invoke(new VanEpoch(t, betaT, mean / (betaT * _model.Size), variance, norm));
        }
        return Evaluate(beta, Options.EvaluationSamples);
    }

    /// <summary>F_q per spin and its parts at <paramref name="beta"/> from <paramref name="samples"/> fresh samples
    /// (drawn batch by batch; the parameters are not changed).</summary>
    public VanEstimate Evaluate(double beta, int samples)
    {
        CheckBeta(beta);
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "the estimate needs at least 2 samples");
        double sumR = 0, sumR2 = 0, sumE = 0, sumLogQ = 0;
        var shift = double.NaN;
        var weights = new LogWeightSums();
        var drawn = 0;
        while (drawn < samples)
        {
            _batch.Sample(Options.Seed, _stream++);
            var take = Math.Min(_batch.Size, samples - drawn);
            for (var b = 0; b < take; b++)
            {
                var r = _batch.LogQ[b] + beta * _batch.Energy[b];
                if (double.IsNaN(shift)) shift = r;   // sums of (R − R₀) keep the variance's digits
                sumR += r - shift;
                sumR2 += (r - shift) * (r - shift);
                sumE += _batch.Energy[b];
                sumLogQ += _batch.LogQ[b];
                weights.Add(-r);
            }
            drawn += take;
        }
        var meanShifted = sumR / samples;
        var variance = Math.Max(0, (sumR2 - samples * meanShifted * meanShifted) / (samples - 1));
        var scale = beta * _model.Size;
        // Reweighted: ln Ẑ = ln Σw − ln M, its delta-method variance (M Σw²/(Σw)² − 1)/M.
        var logZ = weights.LogSum - Math.Log(samples);
        var relativeVariance = Math.Max(0, samples * weights.SumSquares / (weights.Sum * weights.Sum) - 1);
        return new VanEstimate(beta, _model.Size, (shift + meanShifted) / scale, Math.Sqrt(variance / samples) / scale,
            sumE / samples / _model.Size, -sumLogQ / samples / _model.Size, variance, samples,
            -logZ / scale, Math.Sqrt(relativeVariance / samples) / scale,
            weights.Sum * weights.Sum / weights.SumSquares / samples);
    }

    /// <summary>Running Σ e^{x} and Σ e^{2x} of log-weights x, both relative to the largest x so far (no overflow).</summary>
    private struct LogWeightSums
    {
        private double _max;

        /// <summary>Σ e^{x − max}.</summary>
        public double Sum { get; private set; }

        /// <summary>Σ e^{2(x − max)}.</summary>
        public double SumSquares { get; private set; }

        /// <summary>ln Σ e^{x}.</summary>
        public readonly double LogSum => _max + Math.Log(Sum);

        public void Add(double x)
        {
            if (Sum == 0 || x > _max)
            {
                var rescale = Sum == 0 ? 0 : Math.Exp(_max - x);
                Sum *= rescale;
                SumSquares *= rescale * rescale;
                _max = x;
            }
            var w = Math.Exp(x - _max);
            Sum += w;
            SumSquares += w * w;
        }
    }

    /// <summary>Draws one batch at <paramref name="beta"/> and leaves the REINFORCE estimate of ∇βF_q in
    /// <see cref="Gradient"/>; returns mean R and Var R of the batch.</summary>
    internal (double Mean, double Variance) EstimateGradient(double beta)
    {
        _batch.Sample(Options.Seed, _stream++);
        var size = _batch.Size;
        double mean = 0;
        for (var b = 0; b < size; b++)
        {
            _weights[b] = _batch.LogQ[b] + beta * _batch.Energy[b];
            mean += _weights[b];
        }
        mean /= size;
        double variance = 0;
        for (var b = 0; b < size; b++)
        {
            var centered = _weights[b] - mean;
            variance += centered * centered;
            _weights[b] = centered / size;
        }
        _batch.AccumulateGradient(_weights);
        return (mean, variance / (size - 1));
    }

    /// <summary>The gradient left by the last <see cref="EstimateGradient"/> (before clipping: Adam clips its own copy
    /// in place, so read it before stepping).</summary>
    internal ParameterSet<T> Gradient => _batch.Gradient;

    private static void CheckBeta(double beta)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite");
    }
}
