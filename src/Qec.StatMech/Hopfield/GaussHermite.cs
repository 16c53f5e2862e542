namespace Qec.StatMech.Hopfield;

/// <summary>
/// Gauss–Hermite quadrature ∫ e^{−t²} f(t) dt ≈ Σ_k w_k f(t_k), exact for polynomials of degree &lt; 2N: nodes by
/// Newton's method on the orthonormal Hermite recurrence from the asymptotic initial guesses (Press et al.,
/// Numerical Recipes, 3rd ed., sec. 4.6.1, routine gauher).
/// </summary>
internal static class GaussHermite
{
    /// <summary>The N-point rule: nodes in decreasing order and their weights (Σ w = √π).</summary>
    public static (double[] Nodes, double[] Weights) Rule(int order)
    {
        if (order < 1 || order > 400) throw new ArgumentOutOfRangeException(nameof(order), order, "use 1..400 nodes");
        var nodes = new double[order];
        var weights = new double[order];
        var pim4 = 1 / Math.Pow(Math.PI, 0.25);
        var half = (order + 1) / 2;
        double z = 0;
        for (var i = 0; i < half; i++)
        {
            z = i switch
            {
                0 => Math.Sqrt(2.0 * order + 1) - 1.85575 * Math.Pow(2.0 * order + 1, -0.16667),
                1 => z - 1.14 * Math.Pow(order, 0.426) / z,
                2 => 1.86 * z - 0.86 * nodes[0],
                3 => 1.91 * z - 0.91 * nodes[1],
                _ => 2.0 * z - nodes[i - 2],
            };
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p1 = pim4, p2 = 0;
                for (var j = 0; j < order; j++)
                {
                    var p3 = p2;
                    p2 = p1;
                    p1 = z * Math.Sqrt(2.0 / (j + 1)) * p2 - Math.Sqrt((double)j / (j + 1)) * p3;
                }
                derivative = Math.Sqrt(2.0 * order) * p2;
                var previous = z;
                z = previous - p1 / derivative;
                if (Math.Abs(z - previous) <= 1e-15 * Math.Max(1, Math.Abs(z))) break;
            }
            nodes[i] = z;
            nodes[order - 1 - i] = -z;
            weights[i] = weights[order - 1 - i] = 2.0 / (derivative * derivative);
        }
        return (nodes, weights);
    }
}
