using Qec.StatMech.Exact;
using Qec.StatMech.Models;

namespace Qec.StatMech.InverseIsing;

/// <summary>Where moment matching takes the model's statistics from.</summary>
public enum MomentSource
{
    /// <summary>Exact enumeration (<see cref="ExactEnumeration.Moments"/>), n ≤ 30.</summary>
    Exact,

    /// <summary>A heat-bath Monte Carlo chain (<see cref="GibbsSampler"/>).</summary>
    MonteCarlo,
}

/// <summary>How moment matching steps.</summary>
public enum MomentStep
{
    /// <summary>The plain likelihood gradient Δ(βJ_ij) = c_ij,data − c_ij,model.</summary>
    Gradient,

    /// <summary>The change of the naive-mean-field inverse between data and model, Δ(βJ) = C_model⁻¹ − C_data⁻¹ (a
    /// quasi-Newton step whose Jacobian is nMF's).</summary>
    NaiveMeanField,

    /// <summary>L-BFGS on the negative log-likelihood (<see cref="LikelihoodLbfgs"/>); exact statistics only.</summary>
    Lbfgs,
}

/// <summary>Settings of <see cref="MomentMatching"/>.</summary>
/// <param name="Source">Exact or Monte Carlo model statistics.</param>
/// <param name="MaxIterations">Most steps.</param>
/// <param name="LearningRate">Step size η (the largest; exact mode halves it after a step that raises the mismatch).</param>
/// <param name="Method">The step rule; <see cref="MomentStep.Lbfgs"/> needs exact statistics.</param>
/// <param name="Tolerance">Stop when no moment differs by more than this (L-BFGS: when the gradient's 2-norm is below it).</param>
/// <param name="Threads">Enumeration threads (0 = every core).</param>
/// <param name="Sweeps">Monte Carlo sweeps per estimate.</param>
/// <param name="BurnIn">Monte Carlo sweeps discarded first.</param>
/// <param name="Seed">Monte Carlo seed (step t uses Seed + t).</param>
public sealed record MomentMatchingOptions(MomentSource Source = MomentSource.Exact, int MaxIterations = 200, double LearningRate = 1.0,
    MomentStep Method = MomentStep.NaiveMeanField, double Tolerance = 1e-10, int Threads = 0, int Sweeps = 20_000, int BurnIn = 1_000, int Seed = 1);

/// <summary>
/// Boltzmann-machine learning of a fully visible Ising model (Ackley, Hinton &amp; Sejnowski 1985): the log-likelihood's
/// gradient in βJ_ij is c_ij,data − c_ij,model and in βh_i is m_i,data − m_i,model, so its maximum matches the moments.
/// Starts at the nMF estimate.
/// </summary>
public static class MomentMatching
{
    /// <summary>Fits couplings and fields whose statistics at β match <paramref name="target"/>.</summary>
    /// <param name="target">The data's m and c.</param>
    /// <param name="beta">The β of the data's weight; the estimates are divided by it.</param>
    /// <param name="options">Source, step rule and stopping.</param>
    /// <param name="progress">Called after each step with (step, largest moment mismatch).</param>
    public static InverseIsingFit Fit(SpinStatistics target, double beta, MomentMatchingOptions? options = null, Action<int, double>? progress = null)
    {
        options ??= new MomentMatchingOptions();
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite");
        var n = target.Size;
        if (options.Source == MomentSource.Exact && n > ExactEnumeration.MaxSpins)
            throw new ArgumentOutOfRangeException(nameof(target), n, $"exact statistics need n ≤ {ExactEnumeration.MaxSpins}");
        // θ = (βJ, βh): the model is simulated at β = 1.
        var couplings = ClosedFormInversion.NaiveMeanField(target, 1.0);
        var fields = new double[n];
        for (var i = 0; i < n; i++)
        {
            fields[i] = Atanh(target.Magnetizations[i]);
            for (var j = 0; j < n; j++) fields[i] -= couplings[i, j] * target.Magnetizations[j];
        }
        if (options.Method == MomentStep.Lbfgs)
        {
            if (options.Source != MomentSource.Exact)
                throw new ArgumentException("L-BFGS moment matching needs exact statistics (a noisy gradient breaks its line search)", nameof(options));
            var (iterations, residual) = LikelihoodLbfgs.Minimize(target, couplings, fields, options, progress);
            return Result(couplings, fields, beta, iterations, residual, options.Tolerance);
        }
        var step = 0;
        var (model, logZ) = Statistics(couplings, fields, options, step);
        var likelihood = LogLikelihood(target, couplings, fields, logZ);
        var mismatch = model.MaxDifference(target);
        var rate = options.LearningRate;
        var targetInverse = options.Method == MomentStep.NaiveMeanField ? ClosedFormInversion.InverseConnected(target) : null;
        while (mismatch >= options.Tolerance && step < options.MaxIterations)
        {
            step++;
            var (nextCouplings, nextFields) = Step(target, targetInverse, model, couplings, fields, rate);
            var (nextModel, nextLogZ) = Statistics(nextCouplings, nextFields, options, step);
            var nextLikelihood = LogLikelihood(target, nextCouplings, nextFields, nextLogZ);
            var nextMismatch = nextModel.MaxDifference(target);
            progress?.Invoke(step, Math.Min(mismatch, nextMismatch));
            // Exact mode: a step that lowers the (concave) log-likelihood is refused and η halved; an accepted step
            // lets η grow back towards its setting.
            if (options.Source == MomentSource.Exact && nextLikelihood < likelihood - 1e-13 * Math.Abs(likelihood))
            {
                rate /= 2;
                continue;
            }
            if (options.Source == MomentSource.Exact) rate = Math.Min(options.LearningRate, 2 * rate);
            (couplings, fields, model, likelihood, mismatch) = (nextCouplings, nextFields, nextModel, nextLikelihood, nextMismatch);
        }
        return Result(couplings, fields, beta, step, mismatch, options.Tolerance);
    }

    /// <summary>θ = (βJ, βh) divided by β, with how the iteration ended.</summary>
    private static InverseIsingFit Result(double[,] couplings, double[] fields, double beta, int iterations, double mismatch, double tolerance)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] /= beta;
            for (var j = 0; j < fields.Length; j++) couplings[i, j] /= beta;
        }
        return new InverseIsingFit(couplings, fields, iterations, mismatch < tolerance, mismatch);
    }

    private static (double[,] Couplings, double[] Fields) Step(SpinStatistics target, double[,]? targetInverse, SpinStatistics model,
        double[,] couplings, double[] fields, double rate)
    {
        var n = target.Size;
        var nextCouplings = (double[,])couplings.Clone();
        var nextFields = (double[])fields.Clone();
        var modelInverse = targetInverse is null ? null : ClosedFormInversion.InverseConnected(model);
        for (var i = 0; i < n; i++)
        {
            nextFields[i] += rate * (targetInverse is null
                ? target.Magnetizations[i] - model.Magnetizations[i]
                : Atanh(target.Magnetizations[i]) - Atanh(model.Magnetizations[i]));
            for (var j = i + 1; j < n; j++)
            {
                var delta = modelInverse is null ? target.Correlations[i, j] - model.Correlations[i, j] : modelInverse[i, j] - targetInverse![i, j];
                nextCouplings[i, j] += rate * delta;
                nextCouplings[j, i] = nextCouplings[i, j];
            }
        }
        return (nextCouplings, nextFields);
    }

    /// <summary>The model's statistics and ln Z (NaN from Monte Carlo).</summary>
    private static (SpinStatistics Statistics, double LogPartition) Statistics(double[,] couplings, double[] fields, MomentMatchingOptions options, int step)
    {
        var model = ToModel(couplings, fields);
        if (options.Source == MomentSource.MonteCarlo)
            return (GibbsSampler.Statistics(model, 1.0, options.Sweeps, options.BurnIn, options.Seed + step), double.NaN);
        var moments = ExactEnumeration.Moments(model, 1.0, options.Threads);
        return (SpinStatistics.FromMoments(moments), moments.LogPartition);
    }

    /// <summary>The mean log-likelihood of the data under θ = (βJ, βh): Σ_{i&lt;j} θ_ij c_ij + Σ_i θ_i m_i − ln Z(θ).</summary>
    private static double LogLikelihood(SpinStatistics target, double[,] couplings, double[] fields, double logZ)
    {
        var value = -logZ;
        for (var i = 0; i < target.Size; i++)
        {
            value += fields[i] * target.Magnetizations[i];
            for (var j = i + 1; j < target.Size; j++) value += couplings[i, j] * target.Correlations[i, j];
        }
        return value;
    }

    /// <summary>The model with every pair i &lt; j coupled by J_ij and fields h.</summary>
    public static IsingModel ToModel(double[,] couplings, double[] fields, string name = "fit")
    {
        var n = fields.Length;
        var list = new List<Coupling>(n * (n - 1) / 2);
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            list.Add(new Coupling(i, j, couplings[i, j]));
        return new IsingModel(n, list, fields, name);
    }

    private static double Atanh(double m) => Math.Atanh(Math.Clamp(m, -1 + 1e-12, 1 - 1e-12));
}
