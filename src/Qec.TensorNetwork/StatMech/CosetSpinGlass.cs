using Qec.Core.Algebra;
using Qec.Core.Graphs;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding;

namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// The syndrome-independent part of the random-bond Ising models of a code-capacity CSS model (one X error
/// mechanism per data qubit): the spins (one per X-type stabilizer generator), which spins each qubit's term
/// couples, the couplings J_q = ½ ln((1 − p_q)/p_q) from the DEM's priors, and the Ising tensor network (one
/// binary label per spin, one Boltzmann-weight tensor per qubit on at least one plaquette) planned once: every
/// syndrome and class gives a network of this shape, only the signs η_q differ. Built once per model, immutable;
/// <see cref="Model"/> gives the <see cref="RandomBondIsingModel"/> of one coset.
/// </summary>
/// <remarks>
/// The generators are checked against the DEM: each must flip no detector and no observable (an undetectable,
/// logically trivial error), and together they must span all such errors, the kernel of [H; L], so the spin sum
/// covers every error of a coset (Dennis et al. 2002, sec. IV: the coset is e·S over the stabilizer group).
/// </remarks>
public sealed class CosetSpinGlass
{
    private readonly RepresentativeErrors _representatives;
    private readonly double[] _couplings;
    private readonly int[][] _spinsOfQubit;
    private readonly double _logProbabilityOffset;

    /// <summary>
    /// Builds the spin glass of <paramref name="matrix"/> with one spin per entry of <paramref name="stabilizers"/>
    /// (the mechanisms, i.e. data qubits, each generator acts on); refuses (<see cref="ArgumentException"/> naming
    /// the generator, qubit, detector or observable) generators that do not fit the model, and a network whose
    /// contraction exceeds <paramref name="limits"/>.
    /// </summary>
    public CosetSpinGlass(CheckMatrix matrix, IReadOnlyList<int[]> stabilizers, ContractionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(stabilizers);
        int n = matrix.NumMechanisms, k = matrix.Observables.Rows;
        if (k > TnCompiledDecoder.MaxObservables)
        {
            throw new ArgumentException($"{k} observables make 2^{k} logical classes; the limit is {TnCompiledDecoder.MaxObservables} observables");
        }
        Matrix = matrix;
        NumSpins = stabilizers.Count;
        _couplings = CouplingsOf(matrix);
        _spinsOfQubit = SpinsOf(stabilizers, n);
        CheckUndetectable(matrix, stabilizers);
        _representatives = new RepresentativeErrors(matrix);
        int rank = BinaryMatrix.FromRowSupports(n, stabilizers).Rank();
        if (rank != n - _representatives.Rank)
        {
            throw new ArgumentException($"the {NumSpins} stabilizer generators span 2^{rank} errors, but the model has 2^{n - _representatives.Rank} undetectable, logically trivial errors " +
                                        $"({n} mechanisms, rank of detectors and observables {_representatives.Rank}): the spin sum would miss part of every coset");
        }
        // Σ_q ½ ln(p_q(1 − p_q)), and ln 2 per generator that is a product of others (2 configurations per S).
        double offset = -(NumSpins - rank) * Math.Log(2);
        foreach (double p in matrix.Priors)
        {
            offset += 0.5 * Math.Log(p * (1 - p));
        }
        _logProbabilityOffset = offset;
        (Shape, TensorOfQubit) = IsingNetwork.Shape(_spinsOfQubit, NumSpins);
        Plan = ContractionPlan.Best(Shape);
        Plan.Cost.EnsureWithin(limits, $"the Ising network of this model ({NumSpins} spins, {n} qubits)");
    }

    /// <summary>
    /// The spin glass of a bit-flip rotated surface code DEM (<c>CodeGenerators.RotatedSurfaceCode(d, 1,
    /// NoiseModel.CodeCapacity, p)</c>, mechanism q = X error on data qubit q) over its X-type plaquettes
    /// (<see cref="RotatedSurfacePlaquettes"/>).
    /// </summary>
    public static CosetSpinGlass RotatedSurface(CheckMatrix matrix, int distance, ContractionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var plaquettes = RotatedSurfacePlaquettes.XType(distance);
        if (matrix.NumMechanisms != distance * distance)
        {
            throw new ArgumentException($"a distance-{distance} rotated surface code under bit flips has {distance * distance} error mechanisms (one per data qubit); the model has {matrix.NumMechanisms}");
        }
        return new CosetSpinGlass(matrix, [.. plaquettes.Select(p => p.Qubits)], limits);
    }

    /// <summary>The model's check matrix: mechanism q is data qubit q.</summary>
    public CheckMatrix Matrix { get; }

    /// <summary>Spins: one per stabilizer generator.</summary>
    public int NumSpins { get; }

    /// <summary>Logical classes: 2^(observables).</summary>
    public int NumClasses => 1 << Matrix.Observables.Rows;

    /// <summary>J_q = ½ ln((1 − p_q)/p_q) of each qubit (the bond strength before its sign).</summary>
    public IReadOnlyList<double> Couplings => _couplings;

    /// <summary>The spins each qubit's term couples, ascending.</summary>
    public IReadOnlyList<int[]> SpinsOfQubit => _spinsOfQubit;

    /// <summary>The Ising network: labels 0 … <see cref="NumSpins"/> − 1 are the spins (0 ↔ σ = +1), no open label.</summary>
    public NetworkShape Shape { get; }

    /// <summary>The contraction order, planned once (the cheaper of greedy and variable elimination).</summary>
    public ContractionPlan Plan { get; }

    /// <summary>What contracting one coset's network costs.</summary>
    public ContractionCost Cost => Plan.Cost;

    /// <summary>Per qubit, the position of its tensor in <see cref="Shape"/> (−1 for a qubit on no spin).</summary>
    internal int[] TensorOfQubit { get; }

    /// <summary>
    /// The random-bond Ising model of syndrome <paramref name="syndrome"/> (b8-packed) and logical class
    /// <paramref name="logicalClass"/> (bit o = observable o), with signs from one representative error; null
    /// when no error has that syndrome and class.
    /// </summary>
    public RandomBondIsingModel? Model(ReadOnlySpan<byte> syndrome, int logicalClass)
    {
        int bytes = (Matrix.Detectors.Rows + 7) >> 3;
        if (syndrome.Length != bytes)
        {
            throw new ArgumentException($"a syndrome of {Matrix.Detectors.Rows} detectors is {bytes} bytes, got {syndrome.Length}");
        }
        if ((uint)logicalClass >= (uint)NumClasses)
        {
            throw new ArgumentOutOfRangeException(nameof(logicalClass), logicalClass, $"the model has {NumClasses} logical classes");
        }
        var error = _representatives.Find(syndrome, logicalClass);
        if (error is null)
        {
            return null;
        }
        var terms = new IsingTerm[error.Length];
        for (int q = 0; q < terms.Length; q++)
        {
            terms[q] = new IsingTerm(q, _spinsOfQubit[q], error[q] != 0 ? -_couplings[q] : _couplings[q]);
        }
        return new RandomBondIsingModel(NumSpins, terms, error, logicalClass, _logProbabilityOffset);
    }

    /// <summary>A contractor with its own workspace (one per thread).</summary>
    public IsingContraction CreateContraction() => new(this);

    private static double[] CouplingsOf(CheckMatrix matrix)
    {
        var couplings = new double[matrix.NumMechanisms];
        for (int q = 0; q < couplings.Length; q++)
        {
            double p = matrix.Priors[q];
            couplings[q] = p > 0 && p < 1
                ? 0.5 * Math.Log((1 - p) / p)
                : throw new ArgumentException($"error mechanism {q} has probability {p}; the Ising coupling ½ ln((1 − p)/p) needs 0 < p < 1");
        }
        return couplings;
    }

    private static int[][] SpinsOf(IReadOnlyList<int[]> stabilizers, int qubits)
    {
        var lists = new List<int>[qubits];
        for (int q = 0; q < qubits; q++)
        {
            lists[q] = [];
        }
        for (int v = 0; v < stabilizers.Count; v++)
        {
            foreach (int q in stabilizers[v] ?? throw new ArgumentException($"stabilizer generator {v} is null"))
            {
                if ((uint)q >= (uint)qubits)
                {
                    throw new ArgumentException($"stabilizer generator {v} acts on qubit {q}; the model has {qubits} error mechanisms");
                }
                if (lists[q].Count > 0 && lists[q][^1] == v)
                {
                    throw new ArgumentException($"stabilizer generator {v} names qubit {q} twice");
                }
                lists[q].Add(v);
            }
        }
        return [.. lists.Select(l => l.ToArray())];
    }

    /// <summary>Each generator must flip an even number of every detector's and observable's mechanisms.</summary>
    private static void CheckUndetectable(CheckMatrix matrix, IReadOnlyList<int[]> stabilizers)
    {
        for (int v = 0; v < stabilizers.Count; v++)
        {
            var detectors = new HashSet<int>();
            var observables = new HashSet<int>();
            foreach (int q in stabilizers[v])
            {
                foreach (int c in matrix.Detectors.ColumnEntries(q))
                {
                    Toggle(detectors, c);
                }
                foreach (int o in matrix.Observables.ColumnEntries(q))
                {
                    Toggle(observables, o);
                }
            }
            string qubits = string.Join(" ", stabilizers[v]);
            if (detectors.Count > 0)
            {
                throw new ArgumentException($"stabilizer generator {v} (qubits {qubits}) flips detector D{detectors.Min()}: it is not an undetectable error of this model");
            }
            if (observables.Count > 0)
            {
                throw new ArgumentException($"stabilizer generator {v} (qubits {qubits}) flips observable L{observables.Min()}: it is a logical operator, not a stabilizer");
            }
        }
    }

    private static void Toggle(HashSet<int> set, int item)
    {
        if (!set.Remove(item))
        {
            set.Add(item);
        }
    }
}
