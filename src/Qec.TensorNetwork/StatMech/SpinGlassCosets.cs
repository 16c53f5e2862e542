using Qec.TensorNetwork.Decoding;

namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// Class weights from the spin-glass side: for every logical class c of a syndrome, the random-bond Ising model
/// of its coset and its partition function, ln W(c | s) = ln Z_c + offset. The same numbers the <c>tn</c>
/// decoder's parity network gives, through a different network (spins on stabilizers instead of bits on
/// mechanisms); as an <see cref="ICosetSolver"/> it can stand in for it. One instance per thread.
/// </summary>
public sealed class SpinGlassCosets : ICosetSolver
{
    private readonly CosetSpinGlass _glass;
    private readonly IsingContraction _contraction;

    /// <summary>A solver over <paramref name="glass"/> with its own workspace.</summary>
    public SpinGlassCosets(CosetSpinGlass glass)
    {
        ArgumentNullException.ThrowIfNull(glass);
        _glass = glass;
        _contraction = glass.CreateContraction();
    }

    /// <inheritdoc/>
    public int NumObservables => _glass.Matrix.Observables.Rows;

    /// <summary>Every class of the b8-packed <paramref name="syndrome"/>, class c at position c.</summary>
    public SpinGlassCoset[] Classes(ReadOnlySpan<byte> syndrome)
    {
        var classes = new SpinGlassCoset[_glass.NumClasses];
        for (int c = 0; c < classes.Length; c++)
        {
            var model = _glass.Model(syndrome, c);
            if (model is null)
            {
                classes[c] = new SpinGlassCoset(c, null, double.NegativeInfinity, double.NegativeInfinity);
                continue;
            }
            double logZ = _contraction.LogPartitionFunction(model);
            classes[c] = new SpinGlassCoset(c, model, logZ, logZ + model.LogProbabilityOffset);
        }
        return classes;
    }

    /// <inheritdoc/>
    public double Solve(ReadOnlySpan<byte> syndrome, Span<double> logWeights)
    {
        var classes = Classes(syndrome);
        if (logWeights.Length != classes.Length)
        {
            throw new ArgumentException($"{classes.Length} classes, but room for {logWeights.Length} weights");
        }
        for (int c = 0; c < classes.Length; c++)
        {
            logWeights[c] = classes[c].LogWeight;
        }
        return 0;
    }

    /// <summary>P(c | s) = W_c / Σ_c' W_c' from ln W by log-sum-exp; all zeros when no class is possible.</summary>
    public static double[] Posterior(ReadOnlySpan<double> logWeights)
    {
        double top = double.NegativeInfinity;
        foreach (double w in logWeights)
        {
            top = Math.Max(top, w);
        }
        var posterior = new double[logWeights.Length];
        if (double.IsNegativeInfinity(top))
        {
            return posterior;
        }
        double sum = 0;
        for (int c = 0; c < posterior.Length; c++)
        {
            posterior[c] = Math.Exp(logWeights[c] - top);
            sum += posterior[c];
        }
        for (int c = 0; c < posterior.Length; c++)
        {
            posterior[c] /= sum;
        }
        return posterior;
    }
}
