using Qec.Core.Dem;

namespace Qec.Core.Sampling;

/// <summary>
/// Exact single-bit and pairwise statistics of a detector error model's samples: P(b = 1) and
/// P(a = 1 ∧ b = 1) for every detector and observable, the oracle a sampler (ours from a circuit, or anyone's
/// shots of the same circuit) is checked against.
/// <para>
/// Bits are numbered detectors first (0 … D−1), then observables (D … D+O−1). Mechanisms are independent and a
/// mechanism flips a bit when the bit appears an odd number of times among its targets (<c>^</c> components are
/// XORed together). For a set S of bits, E[(−1)^⊕S] = Π over mechanisms flipping an odd number of S of
/// (1 − 2p), so P(b) = (1 − E_b)/2 and P(a ∧ b) = (1 − E_a − E_b + E_{a⊕b})/4, where E_{a⊕b} runs over the
/// mechanisms that flip exactly one of a, b. Bits sharing no mechanism are independent: P(a ∧ b) = P(a)P(b).
/// Products are formed directly (no logarithms), so p = 1/2 and p &gt; 1/2 are exact too.
/// </para>
/// </summary>
public sealed class ExactBitStatistics
{
    private readonly double[] _parity;                      // E_b for every bit
    private readonly Dictionary<long, double> _pairParity;  // E_{a⊕b} for a < b sharing at least one mechanism

    private ExactBitStatistics(double[] parity, Dictionary<long, double> pairParity, int detectors)
    {
        _parity = parity;
        _pairParity = pairParity;
        NumDetectors = detectors;
    }

    /// <summary>Detectors in the model; observable k is bit NumDetectors + k.</summary>
    public int NumDetectors { get; }

    /// <summary>Detectors plus observables.</summary>
    public int NumBits => _parity.Length;

    /// <summary>Computes the statistics of <paramref name="model"/> (cost: Σ over bits of (mechanisms touching it)²).</summary>
    public static ExactBitStatistics Of(FlatDetectorErrorModel model)
    {
        int detectors = model.NumDetectors;
        int bits = detectors + model.NumObservables;
        var mechanismBits = new int[model.NumErrors][];
        var bitMechanisms = new List<int>[bits];
        for (int b = 0; b < bits; b++)
        {
            bitMechanisms[b] = [];
        }
        var odd = new HashSet<int>();
        for (int e = 0; e < model.NumErrors; e++)
        {
            odd.Clear();
            foreach (var target in model.Targets(e))
            {
                if (target.Kind == DemTargetKind.Separator)
                {
                    continue;
                }
                int bit = target.Kind == DemTargetKind.Detector ? (int)target.Index : detectors + (int)target.Index;
                if (!odd.Remove(bit))
                {
                    odd.Add(bit);
                }
            }
            mechanismBits[e] = [.. odd.Order()];
            foreach (int bit in mechanismBits[e])
            {
                bitMechanisms[bit].Add(e);
            }
        }

        var parity = new double[bits];
        for (int b = 0; b < bits; b++)
        {
            double product = 1;
            foreach (int e in bitMechanisms[b])
            {
                product *= 1 - 2 * model.Probability(e);
            }
            parity[b] = product;
        }

        // E_{a⊕b} = Π over mechanisms of a without b, times Π over mechanisms of b without a.
        var pairParity = new Dictionary<long, double>();
        for (int a = 0; a < bits; a++)
        {
            foreach (int e in bitMechanisms[a])
            {
                foreach (int b in mechanismBits[e])
                {
                    if (b > a && !pairParity.ContainsKey(Key(a, b)))
                    {
                        pairParity[Key(a, b)] = OnlyFirst(a, b) * OnlyFirst(b, a);
                    }
                }
            }
        }
        return new ExactBitStatistics(parity, pairParity, detectors);

        double OnlyFirst(int first, int second)
        {
            double product = 1;
            foreach (int e in bitMechanisms[first])
            {
                if (Array.BinarySearch(mechanismBits[e], second) < 0)
                {
                    product *= 1 - 2 * model.Probability(e);
                }
            }
            return product;
        }
    }

    /// <summary>P(bit = 1).</summary>
    public double Marginal(int bit) => (1 - _parity[bit]) / 2;

    /// <summary>P(a = 1 ∧ b = 1); <see cref="Marginal"/> when a = b.</summary>
    public double Joint(int a, int b)
    {
        if (a == b)
        {
            return Marginal(a);
        }
        if (a > b)
        {
            (a, b) = (b, a);
        }
        if (!_pairParity.TryGetValue(Key(a, b), out double pair))
        {
            return Marginal(a) * Marginal(b);
        }
        return (1 - _parity[a] - _parity[b] + pair) / 4;
    }

    /// <summary>Whether a and b share a mechanism (otherwise they are independent).</summary>
    public bool Correlated(int a, int b) => a != b && _pairParity.ContainsKey(a < b ? Key(a, b) : Key(b, a));

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}
