namespace Qec.Generative.Decoding;

/// <summary>
/// Turns the network's scores into a class and its soft output, the same way for the CPU and the GPU paths.
/// Soft output = ln(q(ĉ | s) / Σ_{c ≠ ĉ} q(c | s)), the log-odds of the chosen class against all others under q.
/// </summary>
internal static class ClassChoice
{
    /// <summary>The argmax of <paramref name="logq"/> (the lowest class on ties) and its log-odds by log-sum-exp.</summary>
    public static int Best(ReadOnlySpan<double> logq, out double logOdds)
    {
        int best = 0;
        for (int c = 1; c < logq.Length; c++)
        {
            best = logq[c] > logq[best] ? c : best;
        }
        double top = logq[best], rest = 0;
        for (int c = 0; c < logq.Length; c++)
        {
            rest += c == best ? 0 : Math.Exp(logq[c] - top);
        }
        logOdds = -Math.Log(rest);
        return best;
    }

    /// <summary>ln(e^a + e^b), exact for a or b = −∞.</summary>
    public static double LogAddExp(double a, double b) =>
        double.IsNegativeInfinity(a) ? b
        : double.IsNegativeInfinity(b) ? a
        : Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));

    /// <summary>The log-odds of a string of log-probability <paramref name="logq"/> against all others: ln q − ln(1 − q).</summary>
    public static double LogOddsOf(double logq) => logq - Math.Log(-double.ExpM1(logq));

    /// <summary>Writes the class bits <paramref name="bits"/> (one byte per observable) XOR the packed base prediction into packed flips.</summary>
    public static void Pack(ReadOnlySpan<byte> bits, ReadOnlySpan<byte> basePacked, Span<byte> observableFlips)
    {
        int bytes = (bits.Length + 7) >> 3;
        for (int b = 0; b < bytes; b++)
        {
            observableFlips[b] = basePacked.IsEmpty ? (byte)0 : basePacked[b];
        }
        for (int o = 0; o < bits.Length; o++)
        {
            if (bits[o] != 0)
            {
                observableFlips[o >> 3] ^= (byte)(1 << (o & 7));
            }
        }
    }

    /// <summary>Unpacks b8 bits into one byte (0/1) per bit: <paramref name="count"/> bits of <paramref name="packed"/> into <paramref name="bits"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> packed, int count, Span<byte> bits)
    {
        for (int j = 0; j < count; j++)
        {
            bits[j] = (byte)((packed[j >> 3] >> (j & 7)) & 1);
        }
    }
}
