namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// The random-bond Ising model of one coset of errors (Dennis, Kitaev, Landahl &amp; Preskill, J. Math. Phys.
/// 43, 4452 (2002), sec. IV; Wang, Harrington &amp; Preskill, Ann. Phys. 303, 31 (2003)). A representative error
/// e of syndrome s and logical class c; one spin σ_v = ±1 per X-type stabilizer generator (−1: apply it).
/// The error e·S of a configuration flips qubit q exactly when η_q Π_{v∋q} σ_v = −1, and
/// p^x (1 − p)^(1−x) = √(p(1 − p)) · e^{J η τ} for τ = ±1 and J = ½ ln((1 − p)/p), so
/// <code>
///   W(c | s) = Σ_{S} P(e·S) = e^{LogProbabilityOffset} · Z,   Z = Σ_σ e^{−β H(σ)},   H(σ) = −Σ_q K_q Π_{v∋q} σ_v
/// </code>
/// at β = 1: the Nishimori line, where the temperature is tied to the disorder p. The disorder is in the
/// signs: K_q &lt; 0 (antiferromagnetic) on the qubits e flips. <see cref="LogProbabilityOffset"/> is
/// Σ_q ½ ln(p_q(1 − p_q)) minus ln 2 per stabilizer generator that is a product of others (then 2 spin
/// configurations give each S).
/// </summary>
public sealed class RandomBondIsingModel
{
    internal RandomBondIsingModel(int numSpins, IsingTerm[] terms, byte[] representative, int logicalClass, double logProbabilityOffset)
    {
        NumSpins = numSpins;
        Terms = terms;
        Representative = representative;
        LogicalClass = logicalClass;
        LogProbabilityOffset = logProbabilityOffset;
        foreach (var term in terms)
        {
            bool negative = term.IsAntiferromagnetic;
            switch (term.Spins.Length)
            {
                case 0:
                    Constants++;
                    break;
                case 1:
                    Fields++;
                    NegativeFields += negative ? 1 : 0;
                    break;
                case 2:
                    Bonds++;
                    AntiferromagneticBonds += negative ? 1 : 0;
                    break;
                default:
                    ManySpinTerms++;
                    NegativeManySpinTerms += negative ? 1 : 0;
                    break;
            }
        }
    }

    /// <summary>The inverse temperature: 1 on the Nishimori line, where Z is the coset probability.</summary>
    public const double Beta = 1;

    /// <summary>Spins: one per stabilizer generator.</summary>
    public int NumSpins { get; }

    /// <summary>One term per data qubit, in qubit order.</summary>
    public IReadOnlyList<IsingTerm> Terms { get; }

    /// <summary>The representative error e (one 0/1 per qubit): η_q = −1 where it is 1.</summary>
    public IReadOnlyList<byte> Representative { get; }

    /// <summary>The logical class c of the coset (bit o = observable o).</summary>
    public int LogicalClass { get; }

    /// <summary>ln W(c | s) − ln Z: the spin-independent factor Σ_q ½ ln(p_q(1 − p_q)) − (redundant generators)·ln 2.</summary>
    public double LogProbabilityOffset { get; }

    /// <summary>Two-spin terms (qubits on two plaquettes).</summary>
    public int Bonds { get; }

    /// <summary>Two-spin terms with K &lt; 0.</summary>
    public int AntiferromagneticBonds { get; }

    /// <summary>One-spin terms (qubits on one plaquette: the code's boundary).</summary>
    public int Fields { get; }

    /// <summary>One-spin terms with K &lt; 0.</summary>
    public int NegativeFields { get; }

    /// <summary>Terms on no spin: a constant energy −K.</summary>
    public int Constants { get; }

    /// <summary>Terms on three or more spins (none on the surface code).</summary>
    public int ManySpinTerms { get; }

    /// <summary>Terms on three or more spins with K &lt; 0.</summary>
    public int NegativeManySpinTerms { get; }

    /// <summary>H(σ) = −Σ_q K_q Π_{v∋q} σ_v for one configuration (<paramref name="spins"/>: ±1 each).</summary>
    public double Energy(ReadOnlySpan<int> spins)
    {
        if (spins.Length != NumSpins)
        {
            throw new ArgumentException($"the model has {NumSpins} spins, got {spins.Length} values");
        }
        double energy = 0;
        foreach (var term in Terms)
        {
            int product = 1;
            foreach (int v in term.Spins)
            {
                product *= spins[v] switch { 1 => 1, -1 => -1, var bad => throw new ArgumentException($"spin {v} is {bad}; a spin is +1 or −1") };
            }
            energy -= term.Coupling * product;
        }
        return energy;
    }
}
