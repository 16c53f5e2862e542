namespace Qec.StatMech.Boltzmann;

/// <summary>Settings of <see cref="RbmTrainer"/>.</summary>
/// <param name="Persistent">True: persistent CD (Tieleman 2008), the negative chains carry over between updates;
/// false: CD-k (Hinton 2002), each update's chains start at the mini-batch.</param>
/// <param name="GibbsSteps">k, the block-Gibbs steps of the negative phase per update.</param>
/// <param name="LearningRate">SGD step η.</param>
/// <param name="Momentum">Velocity decay (classical momentum), in [0, 1).</param>
/// <param name="WeightDecay">L2 penalty on W.</param>
/// <param name="BatchSize">Data vectors per update (the data are reshuffled each epoch).</param>
/// <param name="Chains">Persistent chains (PCD only; CD uses one per batch vector).</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="Seed">Seed of shuffling and Gibbs sampling.</param>
/// <param name="Anneal">True: η falls linearly from <paramref name="LearningRate"/> to 0 over the epochs, which PCD needs
/// to settle (Tieleman 2008 decays η too); false: η stays fixed.</param>
public sealed record RbmTrainingOptions(bool Persistent = true, int GibbsSteps = 1, double LearningRate = 0.05, double Momentum = 0.5,
    double WeightDecay = 0, int BatchSize = 14, int Chains = 100, int Epochs = 1000, int Seed = 1, bool Anneal = true)
{
    internal void Validate()
    {
        if (GibbsSteps < 1) throw new ArgumentOutOfRangeException(nameof(GibbsSteps), GibbsSteps, "k must be ≥ 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum must lie in [0, 1)");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be ≥ 0");
        if (BatchSize < 1 || Chains < 1 || Epochs < 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), "batch size and chains must be ≥ 1, epochs ≥ 0");
    }
}
