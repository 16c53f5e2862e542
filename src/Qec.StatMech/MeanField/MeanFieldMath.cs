namespace Qec.StatMech.MeanField;

/// <summary>Overflow-free pieces shared by the mean-field approximations.</summary>
internal static class MeanFieldMath
{
    /// <summary>ln cosh x = |x| + ln(1 + e^{−2|x|}) − ln 2, exact for any finite x.</summary>
    public static double LogCosh(double x)
    {
        var a = Math.Abs(x);
        return a + Math.Log(1 + Math.Exp(-2 * a)) - Math.Log(2);
    }

    /// <summary>Entropy of a ±1 spin with mean m: −Σ_± p_± ln p_±, p_± = (1 ± m)/2 (0 ln 0 = 0).</summary>
    public static double SpinEntropy(double m)
    {
        double plus = (1 + m) / 2, minus = (1 - m) / 2;
        return -(plus > 0 ? plus * Math.Log(plus) : 0) - (minus > 0 ? minus * Math.Log(minus) : 0);
    }

    /// <summary>β-scaled model checks shared by every approximation.</summary>
    public static void CheckBeta(double beta)
    {
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive and finite");
    }
}
