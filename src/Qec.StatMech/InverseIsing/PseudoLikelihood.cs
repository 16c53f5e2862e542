using MathNet.Numerics.LinearAlgebra;

namespace Qec.StatMech.InverseIsing;

/// <summary>
/// Pseudo-likelihood maximisation (Besag 1975; Aurell &amp; Ekeberg, PRL 108, 090201 (2012)): for each spin i, maximise
/// Σ_s w_s ln P(s_i | s_\i) with P(s_i | s_\i) = e^{s_i z_i}/(2 cosh z_i), z_i = θ_i0 + Σ_{j≠i} θ_ij s_j — a concave
/// logistic regression solved by damped Newton steps (gradient Σ w x (s_i − tanh z), Hessian −Σ w sech²z x xᵀ − λI);
/// then βJ_ij = (θ_ij + θ_ji)/2. Consistent: on the exact distribution of a model it returns that model's couplings.
/// </summary>
public static class PseudoLikelihood
{
    /// <summary>The pseudo-likelihood couplings and fields from weighted configurations.</summary>
    /// <param name="data">The configurations and weights.</param>
    /// <param name="beta">The β of the data's weight; the estimates are divided by it.</param>
    /// <param name="l2">Ridge λ on the couplings (0 for exact data; a little for finite samples).</param>
    /// <param name="maxIterations">Most Newton steps per spin.</param>
    /// <param name="tolerance">Stop when the largest Newton step is below this.</param>
    public static InverseIsingFit Fit(SpinSamples data, double beta, double l2 = 0, int maxIterations = 100, double tolerance = 1e-10)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite");
        if (!(l2 >= 0)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "λ must be ≥ 0");
        var n = data.Size;
        var theta = new double[n, n];  // row i: θ_i0 on the diagonal, θ_ij off it
        var iterations = 0;
        var converged = true;
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        {
            var (row, steps, step) = FitSpin(data, i, l2, maxIterations, tolerance);
            for (var j = 0; j < n; j++) theta[i, j] = row[j];
            iterations = Math.Max(iterations, steps);
            residual = Math.Max(residual, step);
            converged &= step < tolerance;
        }
        var couplings = new double[n, n];
        var fields = new double[n];
        for (var i = 0; i < n; i++)
        {
            fields[i] = theta[i, i] / beta;
            for (var j = i + 1; j < n; j++) couplings[i, j] = couplings[j, i] = 0.5 * (theta[i, j] + theta[j, i]) / beta;
        }
        return new InverseIsingFit(couplings, fields, iterations, converged, residual);
    }

    /// <summary>Newton's method for spin i's regression; feature j is s_j for j ≠ i and the constant 1 at j = i.</summary>
    private static (double[] Theta, int Steps, double LastStep) FitSpin(SpinSamples data, int i, double l2, int maxIterations, double tolerance)
    {
        var n = data.Size;
        var theta = new double[n];
        var features = new double[n];
        var objective = Objective(data, i, theta, l2, features);
        var lastStep = double.PositiveInfinity;
        for (var step = 1; step <= maxIterations; step++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            for (var k = 0; k < data.Count; k++)
            {
                var z = Features(data.Configuration(k), i, theta, features);
                var t = Math.Tanh(z);
                double w = data.Weight(k), residual = w * (data.Configuration(k)[i] - t), curvature = w * (1 - t * t);
                for (var a = 0; a < n; a++)
                {
                    gradient[a] += residual * features[a];
                    var fa = curvature * features[a];
                    for (var b = a; b < n; b++) hessian[a, b] += fa * features[b];
                }
            }
            for (var a = 0; a < n; a++)
            {
                if (a != i)
                {
                    gradient[a] -= l2 * theta[a];
                    hessian[a, a] += l2;
                }
                hessian[a, a] += 1e-12;  // keeps the Cholesky factorisation defined if a feature is constant
                for (var b = 0; b < a; b++) hessian[a, b] = hessian[b, a];
            }
            var direction = Matrix<double>.Build.DenseOfArray(hessian).Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient)).ToArray();
            // Backtracking keeps every step an ascent step of the concave objective.
            var scale = 1.0;
            var trial = new double[n];
            double next;
            do
            {
                for (var a = 0; a < n; a++) trial[a] = theta[a] + scale * direction[a];
                next = Objective(data, i, trial, l2, features);
                scale /= 2;
            } while (next < objective - 1e-15 && scale > 1e-6);
            lastStep = 0;
            for (var a = 0; a < n; a++) lastStep = Math.Max(lastStep, Math.Abs(trial[a] - theta[a]));
            (theta, objective) = (trial, next);
            if (lastStep < tolerance) return (theta, step, lastStep);
        }
        return (theta, maxIterations, lastStep);
    }

    /// <summary>Σ_s w ln P(s_i | s_\i) − (λ/2) Σ_{j≠i} θ_j², with ln P = s_i z − ln 2cosh z.</summary>
    private static double Objective(SpinSamples data, int i, double[] theta, double l2, double[] features)
    {
        var value = 0.0;
        for (var k = 0; k < data.Count; k++)
        {
            var z = Features(data.Configuration(k), i, theta, features);
            var a = Math.Abs(z);
            value += data.Weight(k) * (data.Configuration(k)[i] * z - a - Math.Log(1 + Math.Exp(-2 * a)));
        }
        for (var j = 0; j < theta.Length; j++)
            if (j != i) value -= 0.5 * l2 * theta[j] * theta[j];
        return value;
    }

    private static double Features(ReadOnlySpan<sbyte> s, int i, double[] theta, double[] features)
    {
        var z = 0.0;
        for (var j = 0; j < s.Length; j++)
        {
            features[j] = j == i ? 1 : s[j];
            z += theta[j] * features[j];
        }
        return z;
    }
}
