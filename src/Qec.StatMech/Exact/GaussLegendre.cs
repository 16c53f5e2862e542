namespace Qec.StatMech.Exact;

/// <summary>
/// Adaptive Gauss–Legendre quadrature: a 20-point rule on an interval is accepted when it agrees with the sum of the
/// same rule on the two halves to the tolerance, otherwise both halves are refined (depth-limited). The nodes come
/// from Newton's iteration on P_20 (Golub–Welsch is not needed at this order).
/// </summary>
internal static class GaussLegendre
{
    private const int Order = 20;
    private const int MaxDepth = 40;
    private static readonly double[] Nodes = new double[Order];
    private static readonly double[] Weights = new double[Order];

    static GaussLegendre()
    {
        for (var i = 0; i < Order; i++)
        {
            // Tricomi's starting guess for the i-th root of P_n, then Newton on the three-term recurrence.
            var x = Math.Cos(Math.PI * (i + 0.75) / (Order + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= Order; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = Order * (x * p1 - p0) / (x * x - 1);
                var step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-16) break;
            }
            Nodes[i] = x;
            Weights[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    /// <summary>∫_a^b f to an absolute error of about <paramref name="tolerance"/>.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, double tolerance) =>
        Refine(f, a, b, Rule(f, a, b), tolerance, 0);

    private static double Refine(Func<double, double> f, double a, double b, double whole, double tolerance, int depth)
    {
        var middle = 0.5 * (a + b);
        var left = Rule(f, a, middle);
        var right = Rule(f, middle, b);
        if (depth >= MaxDepth || Math.Abs(left + right - whole) <= tolerance) return left + right;
        return Refine(f, a, middle, left, 0.5 * tolerance, depth + 1) + Refine(f, middle, b, right, 0.5 * tolerance, depth + 1);
    }

    private static double Rule(Func<double, double> f, double a, double b)
    {
        double half = 0.5 * (b - a), center = 0.5 * (a + b), sum = 0;
        for (var i = 0; i < Order; i++) sum += Weights[i] * f(center + half * Nodes[i]);
        return half * sum;
    }
}
