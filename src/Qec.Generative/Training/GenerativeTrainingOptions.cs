namespace Qec.Generative.Training;

/// <summary>
/// Settings of <see cref="GenerativeTrainer"/>: <paramref name="ShotsPerEpoch"/> fresh shots sampled from the DEM per
/// epoch (never reused, so the network cannot overfit a finite set), <paramref name="Epochs"/>, mini-batches of
/// <paramref name="Batch"/> shots, Adam with step size <paramref name="LearningRate"/> decayed by a cosine schedule to
/// <paramref name="FinalLearningRateFraction"/> of it over the whole run, <paramref name="Threads"/> threads per
/// mini-batch, and <paramref name="HeldOutShots"/> fixed held-out shots scored after every epoch.
/// </summary>
public sealed record GenerativeTrainingOptions(
    long ShotsPerEpoch = 1_000_000,
    int Epochs = 10,
    int Batch = 1024,
    double LearningRate = 1e-3,
    double FinalLearningRateFraction = 0.05,
    ulong Seed = 1,
    int Threads = 1,
    int HeldOutShots = 10_000)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (as its command-line option).</summary>
    public void Validate()
    {
        if (ShotsPerEpoch < 1) throw new ArgumentException($"--shots {ShotsPerEpoch}: at least one shot per epoch");
        if (Epochs < 1) throw new ArgumentException($"--epochs {Epochs}: at least one epoch");
        if (Batch < 1) throw new ArgumentException($"--batch {Batch}: at least one shot per mini-batch");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"--lr {LearningRate}: must be positive");
        if (!(FinalLearningRateFraction > 0 && FinalLearningRateFraction <= 1)) throw new ArgumentException($"final learning-rate fraction {FinalLearningRateFraction} must be in (0, 1]");
        if (Threads < 1) throw new ArgumentException($"--threads {Threads}: at least one thread");
        if (HeldOutShots < 0) throw new ArgumentException($"held-out shots {HeldOutShots} must be ≥ 0");
    }
}
