using System.Numerics;
using Qec.Generative.Parameters;

namespace Qec.Generative.Training;

/// <summary>
/// Adam (Kingma and Ba, ICLR 2015, Algorithm 1) minimizing a loss whose gradient the caller accumulates with
/// <see cref="Models.IAutoregressiveModel{T}.AccumulateGradient"/>: θ ← θ − α m̂ / (√v̂ + ε) with bias-corrected
/// moments m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ). A parameter whose gradient is always zero (a masked weight)
/// keeps m = v = 0 and never moves, so masks survive training. Moments are kept in T.
/// </summary>
public sealed class AdamOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterSet<T> _parameters;
    private readonly ParameterSet<T> _first;
    private readonly ParameterSet<T> _second;

    /// <summary>An optimizer for <paramref name="parameters"/> (updated in place by <see cref="Step"/>).</summary>
    public AdamOptimizer(ParameterSet<T> parameters, AdamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Options = options ?? new AdamOptions();
        Options.Validate();
        _parameters = parameters;
        _first = parameters.CreateZerosLike();
        _second = parameters.CreateZerosLike();
        LearningRate = Options.LearningRate;
    }

    /// <summary>The settings given at construction.</summary>
    public AdamOptions Options { get; }

    /// <summary>α for the next step; starts at <see cref="AdamOptions.LearningRate"/> and may be changed between steps (schedules).</summary>
    public double LearningRate { get; set; }

    /// <summary>The number of steps taken (t).</summary>
    public int Steps { get; private set; }

    /// <summary>
    /// One update from <paramref name="gradient"/> (dLoss/dθ, same layout as the parameters). When clipping is on
    /// and the global norm exceeds it, the gradient is scaled down to that norm in place. Returns the global
    /// norm before clipping. The caller clears the gradient before accumulating the next one.
    /// </summary>
    public double Step(ParameterSet<T> gradient)
    {
        _parameters.CheckSameLayout(gradient);
        double norm = gradient.GlobalNorm();
        if (!double.IsFinite(norm)) throw new ArithmeticException($"gradient norm is {norm}; the step was not taken");
        if (Options.ClipNorm is { } clip && norm > clip) gradient.Scale(T.CreateTruncating(clip / norm));
        Steps++;
        T beta1 = T.CreateTruncating(Options.Beta1), beta2 = T.CreateTruncating(Options.Beta2);
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        // Fold both bias corrections into the step size and ε (Kingma and Ba, end of §2).
        double correction1 = 1 - Math.Pow(Options.Beta1, Steps), correction2 = 1 - Math.Pow(Options.Beta2, Steps);
        T stepSize = T.CreateTruncating(LearningRate * Math.Sqrt(correction2) / correction1);
        T epsilon = T.CreateTruncating(Options.Epsilon * Math.Sqrt(correction2));
        for (int k = 0; k < _parameters.Count; k++)
        {
            var theta = _parameters[k].Data;
            var g = gradient[k].Data;
            var m = _first[k].Data;
            var v = _second[k].Data;
            for (int j = 0; j < theta.Length; j++)
            {
                T gj = g[j];
                m[j] = beta1 * m[j] + oneMinusBeta1 * gj;
                v[j] = beta2 * v[j] + oneMinusBeta2 * gj * gj;
                theta[j] -= stepSize * m[j] / (T.Sqrt(v[j]) + epsilon);
            }
        }
        return norm;
    }
}
