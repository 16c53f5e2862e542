namespace Qec.StatMech.Boltzmann;

/// <summary>
/// A restricted Boltzmann machine with binary units v ∈ {0,1}^nv, h ∈ {0,1}^nh and energy
/// E(v, h) = −aᵀv − bᵀh − vᵀWh (Smolensky 1986; Hinton 2002). Mutable: trainers update the parameters in place.
/// The free energy of a visible vector is F(v) = −aᵀv − Σ_j softplus(b_j + Σ_i v_i W_ij), so p(v) = e^{−F(v)}/Z.
/// </summary>
public sealed class BinaryRbm
{
    /// <summary>A machine with zero biases and weights W_ij ~ N(0, <paramref name="weightScale"/>²) from a seeded generator.</summary>
    public BinaryRbm(int visible, int hidden, int seed, double weightScale = 0.01)
    {
        if (visible < 1 || hidden < 1) throw new ArgumentOutOfRangeException(nameof(visible), $"an RBM needs at least one unit per layer (got {visible}, {hidden})");
        Visible = visible;
        Hidden = hidden;
        Weights = new double[visible * hidden];
        VisibleBias = new double[visible];
        HiddenBias = new double[hidden];
        var random = new Random(seed);
        for (var k = 0; k < Weights.Length; k++) Weights[k] = weightScale * Gaussian(random);
    }

    private BinaryRbm(int visible, int hidden, double[] weights, double[] visibleBias, double[] hiddenBias)
    {
        (Visible, Hidden, Weights, VisibleBias, HiddenBias) = (visible, hidden, weights, visibleBias, hiddenBias);
    }

    /// <summary>nv.</summary>
    public int Visible { get; }

    /// <summary>nh.</summary>
    public int Hidden { get; }

    /// <summary>W_ij at i·nh + j.</summary>
    public double[] Weights { get; }

    /// <summary>a.</summary>
    public double[] VisibleBias { get; }

    /// <summary>b.</summary>
    public double[] HiddenBias { get; }

    /// <summary>A deep copy.</summary>
    public BinaryRbm Clone() => new(Visible, Hidden, (double[])Weights.Clone(), (double[])VisibleBias.Clone(), (double[])HiddenBias.Clone());

    /// <summary>The same distribution with the layers swapped (W → Wᵀ), so the smaller layer can always be enumerated.</summary>
    public BinaryRbm Transposed()
    {
        var weights = new double[Weights.Length];
        for (var i = 0; i < Visible; i++)
        for (var j = 0; j < Hidden; j++)
            weights[j * Visible + i] = Weights[i * Hidden + j];
        return new BinaryRbm(Hidden, Visible, weights, (double[])HiddenBias.Clone(), (double[])VisibleBias.Clone());
    }

    /// <summary>E(v, h).</summary>
    public double Energy(ReadOnlySpan<byte> visible, ReadOnlySpan<byte> hidden)
    {
        var energy = 0.0;
        for (var i = 0; i < Visible; i++)
        {
            if (visible[i] == 0) continue;
            energy -= VisibleBias[i];
            for (var j = 0; j < Hidden; j++) energy -= Weights[i * Hidden + j] * hidden[j];
        }
        for (var j = 0; j < Hidden; j++) energy -= HiddenBias[j] * hidden[j];
        return energy;
    }

    /// <summary>F(v) = −aᵀv − Σ_j softplus(b_j + Σ_i v_i W_ij).</summary>
    public double FreeEnergy(ReadOnlySpan<byte> visible)
    {
        var free = 0.0;
        for (var i = 0; i < Visible; i++) free -= VisibleBias[i] * visible[i];
        for (var j = 0; j < Hidden; j++) free -= Softplus(HiddenInput(visible, j));
        return free;
    }

    /// <summary>b_j + Σ_i v_i W_ij, so p(h_j = 1 | v) = σ(this).</summary>
    public double HiddenInput(ReadOnlySpan<byte> visible, int j)
    {
        var input = HiddenBias[j];
        for (var i = 0; i < Visible; i++) input += visible[i] * Weights[i * Hidden + j];
        return input;
    }

    /// <summary>a_i + Σ_j W_ij h_j, so p(v_i = 1 | h) = σ(this).</summary>
    public double VisibleInput(ReadOnlySpan<byte> hidden, int i)
    {
        var input = VisibleBias[i];
        var row = i * Hidden;
        for (var j = 0; j < Hidden; j++) input += Weights[row + j] * hidden[j];
        return input;
    }

    /// <summary>ln(1 + eˣ) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>The logistic σ(x) = 1/(1 + e^{−x}).</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
