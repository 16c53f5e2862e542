namespace Qec.Generative.Training;

/// <summary>
/// Settings of <see cref="AdamOptimizer{T}"/> (Kingma and Ba, ICLR 2015, Algorithm 1): step size α
/// (<paramref name="LearningRate"/>), moment decay rates β₁, β₂ ∈ [0, 1), ε, and an optional maximum global
/// gradient norm (<paramref name="ClipNorm"/>; null: no clipping) applied before the moments are updated.
/// </summary>
public sealed record AdamOptions(
    double LearningRate = 1e-3,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double? ClipNorm = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> on a setting out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"learning rate {LearningRate} must be positive");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentException($"beta1 {Beta1} must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"beta2 {Beta2} must be in [0, 1)");
        if (!(Epsilon > 0)) throw new ArgumentException($"epsilon {Epsilon} must be positive");
        if (ClipNorm is { } c && !(c > 0)) throw new ArgumentException($"clip norm {c} must be positive");
    }
}
