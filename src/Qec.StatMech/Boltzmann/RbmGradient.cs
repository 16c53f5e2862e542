namespace Qec.StatMech.Boltzmann;

/// <summary>A gradient (or any update) of an RBM's parameters, laid out as <see cref="BinaryRbm"/>'s.</summary>
public sealed class RbmGradient(int visible, int hidden)
{
    /// <summary>∂/∂W_ij at i·nh + j.</summary>
    public double[] Weights { get; } = new double[visible * hidden];

    /// <summary>∂/∂a_i.</summary>
    public double[] VisibleBias { get; } = new double[visible];

    /// <summary>∂/∂b_j.</summary>
    public double[] HiddenBias { get; } = new double[hidden];

    /// <summary>Adds <paramref name="scale"/> × ⟨v hᵀ⟩-type statistics of one (v, p(h)) pair.</summary>
    internal void AddOuter(ReadOnlySpan<double> visible, ReadOnlySpan<double> hidden, double scale)
    {
        var nh = hidden.Length;
        for (var i = 0; i < visible.Length; i++)
        {
            var vi = scale * visible[i];
            VisibleBias[i] += vi;
            if (vi == 0) continue;
            var row = i * nh;
            for (var j = 0; j < nh; j++) Weights[row + j] += vi * hidden[j];
        }
        for (var j = 0; j < nh; j++) HiddenBias[j] += scale * hidden[j];
    }
}
