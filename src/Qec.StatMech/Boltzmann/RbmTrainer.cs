namespace Qec.StatMech.Boltzmann;

/// <summary>
/// Contrastive-divergence training of a <see cref="BinaryRbm"/>: the update is ⟨v h⟩_data − ⟨v h⟩_chains with the
/// data term taken with p(h | v) (Rao-Blackwellised) and the chain term with p(h | v_chain) after k block-Gibbs
/// steps (Hinton 2002, CD-k; Tieleman 2008, PCD), applied by SGD with classical momentum:
/// velocity ← momentum · velocity + η (update − λW); θ ← θ + velocity.
/// </summary>
public static class RbmTrainer
{
    /// <summary>Trains <paramref name="rbm"/> in place on <paramref name="data"/>; <paramref name="afterEpoch"/> is called
    /// with the epoch number (1-based) after each epoch.</summary>
    public static void Train(BinaryRbm rbm, IReadOnlyList<byte[]> data, RbmTrainingOptions options, Action<int>? afterEpoch = null)
    {
        options.Validate();
        if (data.Count == 0) throw new ArgumentException("no training data", nameof(data));
        foreach (var v in data)
            if (v.Length != rbm.Visible) throw new ArgumentException($"a data vector has {v.Length} units; the RBM has {rbm.Visible} visible", nameof(data));
        var random = new Random(options.Seed);
        var chainCount = options.Persistent ? options.Chains : options.BatchSize;
        var chains = new byte[chainCount][];
        for (var c = 0; c < chainCount; c++)
        {
            chains[c] = new byte[rbm.Visible];
            for (var i = 0; i < rbm.Visible; i++) chains[c][i] = (byte)random.Next(2);
        }
        var velocity = new RbmGradient(rbm.Visible, rbm.Hidden);
        var order = new int[data.Count];
        for (var k = 0; k < order.Length; k++) order[k] = k;
        var work = new Workspace(rbm);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = options.Anneal ? options.LearningRate * (options.Epochs - epoch + 1) / options.Epochs : options.LearningRate;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                var update = new RbmGradient(rbm.Visible, rbm.Hidden);
                foreach (var index in batch)
                {
                    work.SetVisible(data[index]);
                    RbmSampler.SampleHidden(rbm, data[index], work.HiddenProbability, work.Hidden, null);
                    update.AddOuter(work.Visible, work.HiddenProbability, 1.0 / batch.Length);
                }
                var negatives = options.Persistent ? chainCount : batch.Length;
                for (var c = 0; c < negatives; c++)
                {
                    var chain = chains[c];
                    if (!options.Persistent) data[batch[c]].CopyTo(chain, 0);
                    for (var t = 0; t < options.GibbsSteps; t++)
                    {
                        RbmSampler.SampleHidden(rbm, chain, work.HiddenProbability, work.Hidden, random);
                        RbmSampler.SampleVisible(rbm, work.Hidden, chain, random);
                    }
                    RbmSampler.SampleHidden(rbm, chain, work.HiddenProbability, work.Hidden, null);
                    work.SetVisible(chain);
                    update.AddOuter(work.Visible, work.HiddenProbability, -1.0 / negatives);
                }
                Apply(rbm, velocity, update, rate, options);
            }
            afterEpoch?.Invoke(epoch);
        }
    }

    private static void Apply(BinaryRbm rbm, RbmGradient velocity, RbmGradient update, double rate, RbmTrainingOptions options)
    {
        for (var k = 0; k < rbm.Weights.Length; k++)
        {
            velocity.Weights[k] = options.Momentum * velocity.Weights[k] + rate * (update.Weights[k] - options.WeightDecay * rbm.Weights[k]);
            rbm.Weights[k] += velocity.Weights[k];
        }
        for (var i = 0; i < rbm.Visible; i++)
        {
            velocity.VisibleBias[i] = options.Momentum * velocity.VisibleBias[i] + rate * update.VisibleBias[i];
            rbm.VisibleBias[i] += velocity.VisibleBias[i];
        }
        for (var j = 0; j < rbm.Hidden; j++)
        {
            velocity.HiddenBias[j] = options.Momentum * velocity.HiddenBias[j] + rate * update.HiddenBias[j];
            rbm.HiddenBias[j] += velocity.HiddenBias[j];
        }
    }

    /// <summary>Per-training scratch buffers (no allocation per update beyond the update itself).</summary>
    private sealed class Workspace(BinaryRbm rbm)
    {
        public double[] Visible { get; } = new double[rbm.Visible];

        public double[] HiddenProbability { get; } = new double[rbm.Hidden];

        public byte[] Hidden { get; } = new byte[rbm.Hidden];

        public void SetVisible(ReadOnlySpan<byte> v)
        {
            for (var i = 0; i < v.Length; i++) Visible[i] = v[i];
        }
    }
}
