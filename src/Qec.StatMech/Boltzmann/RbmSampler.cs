namespace Qec.StatMech.Boltzmann;

/// <summary>Block Gibbs sampling of a <see cref="BinaryRbm"/>: h ~ p(h | v) = Π_j σ(±(b_j + vᵀW_j)), then v ~ p(v | h).</summary>
public static class RbmSampler
{
    /// <summary>Fills <paramref name="hiddenProbability"/> with p(h_j = 1 | v) and, when a generator is given, draws
    /// <paramref name="hidden"/> from it.</summary>
    public static void SampleHidden(BinaryRbm rbm, ReadOnlySpan<byte> visible, Span<double> hiddenProbability, Span<byte> hidden, Random? random)
    {
        for (var j = 0; j < rbm.Hidden; j++)
        {
            hiddenProbability[j] = BinaryRbm.Sigmoid(rbm.HiddenInput(visible, j));
            if (random is not null) hidden[j] = random.NextDouble() < hiddenProbability[j] ? (byte)1 : (byte)0;
        }
    }

    /// <summary>Draws v ~ p(v | h).</summary>
    public static void SampleVisible(BinaryRbm rbm, ReadOnlySpan<byte> hidden, Span<byte> visible, Random random)
    {
        for (var i = 0; i < rbm.Visible; i++) visible[i] = random.NextDouble() < BinaryRbm.Sigmoid(rbm.VisibleInput(hidden, i)) ? (byte)1 : (byte)0;
    }

    /// <summary><paramref name="count"/> visible samples, each the end of an independent chain of <paramref name="steps"/>
    /// block-Gibbs steps from a uniformly random start.</summary>
    public static List<byte[]> Samples(BinaryRbm rbm, int count, int steps, int seed)
    {
        var random = new Random(seed);
        var samples = new List<byte[]>(count);
        var hidden = new byte[rbm.Hidden];
        var probability = new double[rbm.Hidden];
        for (var s = 0; s < count; s++)
        {
            var visible = new byte[rbm.Visible];
            for (var i = 0; i < visible.Length; i++) visible[i] = (byte)random.Next(2);
            for (var t = 0; t < steps; t++)
            {
                SampleHidden(rbm, visible, probability, hidden, random);
                SampleVisible(rbm, hidden, visible, random);
            }
            samples.Add(visible);
        }
        return samples;
    }
}
