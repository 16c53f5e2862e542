namespace Qec.StatMech.Boltzmann;

/// <summary>
/// Exact ln Z, log-likelihood and likelihood gradient of a small RBM by enumerating its smaller layer: with h
/// enumerated, Z = Σ_h e^{bᵀh} Π_i (1 + e^{a_i + (Wh)_i}), and the model moments are
/// ⟨v_i h_j⟩ = Σ_h p(h) σ(a_i + (Wh)_i) h_j (the visible layer summed analytically). The layer of ≤ 24 units is enumerated.
/// </summary>
public static class RbmLikelihood
{
    /// <summary>The most units the enumerated (smaller) layer may have.</summary>
    public const int MaxEnumeratedUnits = 24;

    /// <summary>ln Z.</summary>
    public static double LogPartition(BinaryRbm rbm)
    {
        var machine = HiddenIsSmaller(rbm);
        var logs = HiddenLogWeights(machine);
        return LogSumExp(logs);
    }

    /// <summary>The mean log-likelihood (1/|D|) Σ_{v∈D} ln p(v) = −mean F(v) − ln Z.</summary>
    public static double MeanLogLikelihood(BinaryRbm rbm, IReadOnlyList<byte[]> data)
    {
        var logZ = LogPartition(rbm);
        var sum = 0.0;
        foreach (var v in data) sum -= rbm.FreeEnergy(v);
        return sum / data.Count - logZ;
    }

    /// <summary>∂/∂θ of the mean log-likelihood: data term ⟨·⟩_{v∈D, h~p(h|v)} minus the exact model term.</summary>
    public static RbmGradient Gradient(BinaryRbm rbm, IReadOnlyList<byte[]> data)
    {
        var gradient = new RbmGradient(rbm.Visible, rbm.Hidden);
        var visible = new double[rbm.Visible];
        var hidden = new double[rbm.Hidden];
        foreach (var v in data)
        {
            for (var i = 0; i < rbm.Visible; i++) visible[i] = v[i];
            for (var j = 0; j < rbm.Hidden; j++) hidden[j] = BinaryRbm.Sigmoid(rbm.HiddenInput(v, j));
            gradient.AddOuter(visible, hidden, 1.0 / data.Count);
        }
        var model = ModelMoments(rbm);
        for (var k = 0; k < gradient.Weights.Length; k++) gradient.Weights[k] -= model.Weights[k];
        for (var i = 0; i < rbm.Visible; i++) gradient.VisibleBias[i] -= model.VisibleBias[i];
        for (var j = 0; j < rbm.Hidden; j++) gradient.HiddenBias[j] -= model.HiddenBias[j];
        return gradient;
    }

    /// <summary>⟨v_i h_j⟩, ⟨v_i⟩, ⟨h_j⟩ under the model, exactly.</summary>
    public static RbmGradient ModelMoments(BinaryRbm rbm)
    {
        var transposed = rbm.Hidden > rbm.Visible;
        var machine = transposed ? rbm.Transposed() : rbm;
        var logs = HiddenLogWeights(machine);
        var logZ = LogSumExp(logs);
        var moments = new RbmGradient(machine.Visible, machine.Hidden);
        var hidden = new byte[machine.Hidden];
        var hiddenDouble = new double[machine.Hidden];
        var visible = new double[machine.Visible];
        for (var state = 0; state < logs.Length; state++)
        {
            Unpack(state, hidden);
            for (var j = 0; j < hidden.Length; j++) hiddenDouble[j] = hidden[j];
            for (var i = 0; i < machine.Visible; i++) visible[i] = BinaryRbm.Sigmoid(machine.VisibleInput(hidden, i));
            moments.AddOuter(visible, hiddenDouble, Math.Exp(logs[state] - logZ));
        }
        if (!transposed) return moments;
        var back = new RbmGradient(rbm.Visible, rbm.Hidden);
        for (var i = 0; i < rbm.Visible; i++)
        for (var j = 0; j < rbm.Hidden; j++)
            back.Weights[i * rbm.Hidden + j] = moments.Weights[j * rbm.Visible + i];
        moments.HiddenBias.CopyTo(back.VisibleBias, 0);
        moments.VisibleBias.CopyTo(back.HiddenBias, 0);
        return back;
    }

    /// <summary>ln Σ_v e^{−E(v,h)} = bᵀh + Σ_i softplus(a_i + (Wh)_i) for every hidden state h (bit j = h_j).</summary>
    private static double[] HiddenLogWeights(BinaryRbm machine)
    {
        if (machine.Hidden > MaxEnumeratedUnits)
            throw new ArgumentOutOfRangeException(nameof(machine), machine.Hidden,
                $"exact likelihood enumerates the smaller layer, at most {MaxEnumeratedUnits} units; this RBM has {machine.Visible} visible and {machine.Hidden} hidden");
        var logs = new double[1 << machine.Hidden];
        var hidden = new byte[machine.Hidden];
        for (var state = 0; state < logs.Length; state++)
        {
            Unpack(state, hidden);
            var value = 0.0;
            for (var j = 0; j < hidden.Length; j++) value += machine.HiddenBias[j] * hidden[j];
            for (var i = 0; i < machine.Visible; i++) value += BinaryRbm.Softplus(machine.VisibleInput(hidden, i));
            logs[state] = value;
        }
        return logs;
    }

    private static BinaryRbm HiddenIsSmaller(BinaryRbm rbm) => rbm.Hidden > rbm.Visible ? rbm.Transposed() : rbm;

    private static void Unpack(int state, byte[] units)
    {
        for (var j = 0; j < units.Length; j++) units[j] = (byte)((state >> j) & 1);
    }

    private static double LogSumExp(double[] values)
    {
        var top = double.NegativeInfinity;
        foreach (var v in values) top = Math.Max(top, v);
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - top);
        return top + Math.Log(sum);
    }
}
