namespace Qec.StatMech.Hopfield;

/// <summary>
/// The restricted Boltzmann machine with ±1 visible units s and P Gaussian hidden units λ, energy
/// E(s, λ) = Σ_μ λ_μ²/2 − Σ_μ λ_μ Σ_i W_iμ s_i with W_iμ = ξ_i^μ/√n, whose visible marginal at β is the Hopfield
/// Boltzmann distribution (Barra, Bernacchia, Santucci &amp; Contucci, Neural Networks 34, 1 (2012)). Here the hidden
/// units are integrated numerically, each by Gauss–Hermite quadrature: with λ = t√(2/β),
/// ∫dλ e^{−β(λ²/2 − λa)} ∝ ∫dt e^{−t²} e^{√(2β) a t} ≈ Σ_k w_k e^{√(2β) a t_k} — no use of the Hopfield energy.
/// </summary>
public sealed class GaussianHiddenRbm
{
    private readonly double[] _weights;  // W_iμ at i·P + μ
    private readonly double[] _nodes;
    private readonly double[] _logQuadratureWeights;

    /// <summary>The RBM of <paramref name="patterns"/> with an <paramref name="order"/>-point quadrature per hidden unit.</summary>
    public GaussianHiddenRbm(IReadOnlyList<sbyte[]> patterns, int order = 80)
    {
        Hidden = patterns.Count;
        Visible = patterns[0].Length;
        _weights = new double[Visible * Hidden];
        var scale = 1 / Math.Sqrt(Visible);
        for (var mu = 0; mu < Hidden; mu++)
        for (var i = 0; i < Visible; i++)
            _weights[i * Hidden + mu] = patterns[mu][i] * scale;
        (_nodes, var weights) = GaussHermite.Rule(order);
        _logQuadratureWeights = Array.ConvertAll(weights, Math.Log);
    }

    /// <summary>Visible units n.</summary>
    public int Visible { get; }

    /// <summary>Gaussian hidden units P.</summary>
    public int Hidden { get; }

    /// <summary>ln of the unnormalized visible marginal, ln ∫dλ e^{−βE(s, λ)} up to an s-independent constant.</summary>
    public double LogMarginal(ReadOnlySpan<sbyte> visible, double beta)
    {
        var total = 0.0;
        var slope = Math.Sqrt(2 * beta);
        for (var mu = 0; mu < Hidden; mu++)
        {
            var input = 0.0;
            for (var i = 0; i < Visible; i++) input += _weights[i * Hidden + mu] * visible[i];
            // ln Σ_k w_k e^{c t_k} by log-sum-exp over the nodes.
            var top = double.NegativeInfinity;
            for (var k = 0; k < _nodes.Length; k++) top = Math.Max(top, _logQuadratureWeights[k] + slope * input * _nodes[k]);
            var sum = 0.0;
            for (var k = 0; k < _nodes.Length; k++) sum += Math.Exp(_logQuadratureWeights[k] + slope * input * _nodes[k] - top);
            total += top + Math.Log(sum);
        }
        return total;
    }

    /// <summary>The normalized visible distribution over all 2^n states (spin i = +1 when bit i is 0), n ≤ 20.</summary>
    public double[] VisibleDistribution(double beta)
    {
        if (Visible > 20) throw new ArgumentOutOfRangeException(nameof(beta), Visible, "the visible distribution is enumerated for n ≤ 20");
        var count = 1 << Visible;
        var logs = new double[count];
        var spins = new sbyte[Visible];
        var top = double.NegativeInfinity;
        for (var state = 0; state < count; state++)
        {
            for (var i = 0; i < Visible; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
            logs[state] = LogMarginal(spins, beta);
            top = Math.Max(top, logs[state]);
        }
        var total = 0.0;
        for (var state = 0; state < count; state++) total += logs[state] = Math.Exp(logs[state] - top);
        for (var state = 0; state < count; state++) logs[state] /= total;
        return logs;
    }
}
