using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Tests;

/// <summary>Central finite differences over every parameter of a set, against an analytic gradient.</summary>
internal static class GradientCheck
{
    /// <summary>Step of the five-point central difference [8(f(h) − f(−h)) − (f(2h) − f(−2h))] / 12h:
    /// truncation error O(h⁴) ≈ 1e-12, rounding ≈ 1e-16·|L|/h ≈ 1e-12.</summary>
    public const double Step = 1e-3;

    /// <summary>|analytic − numeric| ≤ RelativeTolerance · max(|analytic|, |numeric|) + AbsoluteFloor.</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>The floor for entries whose gradient is (near) zero.</summary>
    public const double AbsoluteFloor = 1e-9;

    /// <summary>Asserts analytic[k][j] ≈ the five-point central difference of loss along e_kj for every entry;
    /// returns the worst relative error over entries with |gradient| &gt; 1e-6.</summary>
    public static double AssertMatches(ParameterSet<double> parameters, ParameterSet<double> analytic, Func<double> loss)
    {
        double worst = 0;
        for (int k = 0; k < parameters.Count; k++)
        {
            var theta = parameters[k].Data;
            var g = analytic[k].Data;
            for (int j = 0; j < theta.Length; j++)
            {
                double numeric = Derivative(theta, j, loss);
                double error = Math.Abs(g[j] - numeric);
                double scale = Math.Max(Math.Abs(g[j]), Math.Abs(numeric));
                Assert.True(error <= RelativeTolerance * scale + AbsoluteFloor,
                    $"{parameters[k].Name}[{j}]: analytic {g[j]:R}, numeric {numeric:R}");
                if (scale > 1e-6) worst = Math.Max(worst, error / scale);
            }
        }
        return worst;
    }

    /// <summary>d loss / d values[j] by the five-point central difference; values[j] is restored.</summary>
    public static double Derivative(double[] values, int j, Func<double> loss)
    {
        double saved = values[j];
        double At(double offset)
        {
            values[j] = saved + offset;
            return loss();
        }
        double d1 = At(Step) - At(-Step), d2 = At(2 * Step) - At(-2 * Step);
        values[j] = saved;
        return (8 * d1 - d2) / (12 * Step);
    }

    /// <summary>Fills every entry with Uniform(−a, a).</summary>
    public static void Randomize(ParameterSet<double> parameters, ulong seed, double a = 0.5)
    {
        var rng = new Xoshiro256StarStar(seed);
        foreach (var t in parameters)
        {
            for (int j = 0; j < t.Data.Length; j++) t.Data[j] = (2 * rng.NextDouble() - 1) * a;
        }
    }

    /// <summary>n random bits.</summary>
    public static byte[] RandomBits(int n, ref Xoshiro256StarStar rng)
    {
        var bits = new byte[n];
        for (int i = 0; i < n; i++) bits[i] = (byte)(rng.NextUInt64() >> 63);
        return bits;
    }
}
