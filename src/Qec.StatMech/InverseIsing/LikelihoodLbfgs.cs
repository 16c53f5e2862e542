using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Qec.StatMech.Exact;

namespace Qec.StatMech.InverseIsing;

/// <summary>
/// Boltzmann-machine learning as unconstrained convex minimisation: the negative mean log-likelihood of the data,
/// L(θ) = ln Z(θ) − Σ_{i&lt;j} θ_ij c_ij − Σ_i θ_i m_i with θ = (βJ, βh), has gradient ∂L/∂θ_ij = c_ij,model − c_ij,data
/// (and m_i,model − m_i,data), and its Hessian is the covariance of the features s_i s_j, s_i (the Fisher information),
/// so L is convex and its minimum matches the moments. Exact statistics by enumeration give L and ∇L to rounding,
/// so a quasi-Newton method (MathNet's L-BFGS with a Wolfe line search) reaches the tiny mismatch that the glassy
/// phase needs: the Fisher matrix of SK at β = 2 has eigenvalues ~1e-3, so a coupling error of 1e-3 needs moments
/// matched to ~1e-6, where fixed-point and gradient steps stall.
/// </summary>
internal static class LikelihoodLbfgs
{
    /// <summary>Minimises L from θ₀ = (<paramref name="couplings"/>, <paramref name="fields"/>) and leaves the lowest point
    /// evaluated in them; returns the iterations and that point's largest moment mismatch.</summary>
    public static (int Iterations, double Mismatch) Minimize(SpinStatistics target, double[,] couplings, double[] fields,
        MomentMatchingOptions options, Action<int, double>? progress)
    {
        int n = target.Size, pairs = n * (n - 1) / 2;
        var evaluations = 0;
        var bestValue = double.PositiveInfinity;
        var best = Vector<double>.Build.Dense(pairs + n);
        var objective = ObjectiveFunction.Gradient(theta =>
        {
            Unpack(theta, couplings, fields);
            var moments = ExactEnumeration.Moments(MomentMatching.ToModel(couplings, fields), 1.0, options.Threads);
            var gradient = Vector<double>.Build.Dense(pairs + n);
            var value = moments.LogPartition;
            var mismatch = 0.0;
            var k = 0;
            for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++, k++)
            {
                value -= theta[k] * target.Correlations[i, j];
                gradient[k] = moments.Correlations[i, j] - target.Correlations[i, j];
                mismatch = Math.Max(mismatch, Math.Abs(gradient[k]));
            }
            for (var i = 0; i < n; i++)
            {
                value -= theta[pairs + i] * target.Magnetizations[i];
                gradient[pairs + i] = moments.Magnetizations[i] - target.Magnetizations[i];
                mismatch = Math.Max(mismatch, Math.Abs(gradient[pairs + i]));
            }
            // The line search also evaluates rejected trial points: remember the lowest L seen.
            if (value < bestValue)
            {
                bestValue = value;
                theta.CopyTo(best);
            }
            progress?.Invoke(++evaluations, mismatch);
            return (value, gradient);
        });
        var start = Vector<double>.Build.Dense(pairs + n);
        Pack(couplings, fields, start);
        // Stop on the gradient's 2-norm: ‖∇L‖₂ ≥ max |mismatch|, so the moment tolerance is met when it stops there.
        var minimizer = new LimitedMemoryBfgsMinimizer(options.Tolerance, 0, 0, memory: 20, maximumIterations: options.MaxIterations);
        int iterations;
        try
        {
            iterations = minimizer.FindMinimum(objective, start).Iterations;
        }
        catch (MaximumIterationsException)
        {
            iterations = options.MaxIterations;
        }
        catch (OptimizationException)
        {
            // The line search found no lower point: L is minimal to rounding.
            iterations = evaluations;
        }
        Unpack(best, couplings, fields);
        var final = ExactEnumeration.Moments(MomentMatching.ToModel(couplings, fields), 1.0, options.Threads);
        return (iterations, SpinStatistics.FromMoments(final).MaxDifference(target));
    }

    private static void Pack(double[,] couplings, double[] fields, Vector<double> theta)
    {
        int n = fields.Length, k = 0;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            theta[k++] = couplings[i, j];
        for (var i = 0; i < n; i++) theta[k++] = fields[i];
    }

    private static void Unpack(Vector<double> theta, double[,] couplings, double[] fields)
    {
        int n = fields.Length, k = 0;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++, k++)
        {
            couplings[i, j] = theta[k];
            couplings[j, i] = theta[k];
        }
        for (var i = 0; i < n; i++) fields[i] = theta[k++];
    }
}
