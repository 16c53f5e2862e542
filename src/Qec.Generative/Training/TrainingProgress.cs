namespace Qec.Generative.Training;

/// <summary>
/// Where a <see cref="GenerativeTrainer"/> run stands: <paramref name="Shots"/> of <paramref name="TotalShots"/> trained on,
/// <paramref name="Epoch"/> (1-based, the one in progress or just finished), <paramref name="Loss"/> the mean negative
/// log-likelihood (nats per shot) over the epoch so far, and after an epoch ends (<paramref name="EpochDone"/>) the
/// held-out logical errors <paramref name="HeldOutErrors"/> of <paramref name="HeldOutShots"/>.
/// </summary>
public readonly record struct TrainingProgress(long Shots, long TotalShots, int Epoch, double Loss, bool EpochDone, int HeldOutErrors, int HeldOutShots)
{
    /// <summary>Held-out logical error rate (NaN without held-out shots).</summary>
    public double HeldOutErrorRate => HeldOutShots > 0 ? (double)HeldOutErrors / HeldOutShots : double.NaN;
}
