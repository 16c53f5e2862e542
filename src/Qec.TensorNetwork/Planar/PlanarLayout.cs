using System.Globalization;
using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.TensorNetwork.Planar;

/// <summary>
/// A detector error model read as a planar parity network: every mechanism j (a column of the
/// <see cref="CheckMatrix"/>) is a binary variable with prior p_j; every detector D is a parity
/// constraint "the mechanisms on D sum to s_D"; every observable L_i is an open parity (the class bit).
/// The class weight Z(c | s) = Σ_{e: He = s, Le = c} Π_j p_j^{e_j}(1 − p_j)^{1 − e_j} is the contraction
/// of that network (the "parity tensor" form of Chubb, "General tensor network decoding of 2D Pauli
/// codes", arXiv:2101.04125). A live detector (one that some mechanism flips) is placed in the
/// plane at its first two coordinates; what makes the network planar enough to contract with a boundary
/// MPS is checked later, by <see cref="SweepProgram"/>.
/// </summary>
/// <remarks>
/// Invariants after <see cref="From"/>: every live detector has a finite (x, y), no two live detectors
/// share one, and all live detectors agree on every further coordinate (one time slice). Dead detectors
/// (flipped by nothing) are not placed: a shot that sets one has probability zero.
/// </remarks>
internal sealed class PlanarLayout
{
    /// <summary>Message prefix of every refusal, so callers can tell a model problem from a bug.</summary>
    public const string RefusalPrefix = "approximate mode needs a planar model: ";

    private PlanarLayout(int numDetectors, int numObservables, double[] x, double[] y, int[][] detectorsOf,
        int[][] observablesOf, double[] priors, int[][] mechanismsOf)
    {
        NumDetectors = numDetectors;
        NumObservables = numObservables;
        X = x;
        Y = y;
        DetectorsOf = detectorsOf;
        ObservablesOf = observablesOf;
        Priors = priors;
        MechanismsOf = mechanismsOf;
    }

    /// <summary>Detectors of the model (live and dead).</summary>
    public int NumDetectors { get; }

    /// <summary>Observables of the model: the class index has one bit per observable.</summary>
    public int NumObservables { get; }

    /// <summary>First coordinate of each detector (NaN for a dead detector).</summary>
    public double[] X { get; }

    /// <summary>Second coordinate of each detector (NaN for a dead detector).</summary>
    public double[] Y { get; }

    /// <summary>Detectors each mechanism flips, ascending.</summary>
    public int[][] DetectorsOf { get; }

    /// <summary>Observables each mechanism flips, ascending.</summary>
    public int[][] ObservablesOf { get; }

    /// <summary>Prior probability of each mechanism.</summary>
    public double[] Priors { get; }

    /// <summary>Mechanisms on each detector, ascending; empty for a dead detector.</summary>
    public int[][] MechanismsOf { get; }

    /// <summary>Number of mechanisms.</summary>
    public int NumMechanisms => Priors.Length;

    /// <summary>True when some mechanism flips the detector.</summary>
    public bool IsLive(int detector) => MechanismsOf[detector].Length > 0;

    /// <summary>Reads a flattened model; throws <see cref="ArgumentException"/> when its detectors cannot be placed in one plane.</summary>
    public static PlanarLayout From(FlatDetectorErrorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var matrix = CheckMatrix.From(model);
        int numDetectors = matrix.Detectors.Rows, numMechanisms = matrix.NumMechanisms;
        var detectorsOf = new int[numMechanisms][];
        var observablesOf = new int[numMechanisms][];
        for (int j = 0; j < numMechanisms; j++)
        {
            detectorsOf[j] = matrix.Detectors.ColumnEntries(j).ToArray();
            observablesOf[j] = matrix.Observables.ColumnEntries(j).ToArray();
        }
        var mechanismsOf = new int[numDetectors][];
        for (int d = 0; d < numDetectors; d++)
        {
            mechanismsOf[d] = matrix.Detectors.RowEntries(d).ToArray();
        }
        var (x, y) = PlaneCoordinates(model, mechanismsOf);
        return new PlanarLayout(numDetectors, model.NumObservables, x, y, detectorsOf, observablesOf,
            matrix.Priors.ToArray(), mechanismsOf);
    }

    /// <summary>"mechanism 7 (D3 D9 L0)": how refusals name a mechanism.</summary>
    public string Describe(int mechanism)
    {
        var parts = new List<string>();
        foreach (int d in DetectorsOf[mechanism])
        {
            parts.Add("D" + d.ToString(CultureInfo.InvariantCulture));
        }
        foreach (int o in ObservablesOf[mechanism])
        {
            parts.Add("L" + o.ToString(CultureInfo.InvariantCulture));
        }
        return $"mechanism {mechanism} ({string.Join(' ', parts)})";
    }

    /// <summary>
    /// (x, y) of each live detector: its first two coordinates. Refuses a live detector without two
    /// finite coordinates, two live detectors at one point, and live detectors that differ in a further
    /// coordinate (a space-time model: its network is three-dimensional).
    /// </summary>
    private static (double[] X, double[] Y) PlaneCoordinates(FlatDetectorErrorModel model, int[][] mechanismsOf)
    {
        int n = model.NumDetectors;
        var x = new double[n];
        var y = new double[n];
        Array.Fill(x, double.NaN);
        Array.Fill(y, double.NaN);
        var seen = new Dictionary<(double, double), int>();
        int reference = -1;
        for (int d = 0; d < n; d++)
        {
            if (mechanismsOf[d].Length == 0)
            {
                continue;
            }
            var c = model.DetectorCoordinates(d);
            if (c.Length < 2 || !double.IsFinite(c[0]) || !double.IsFinite(c[1]))
            {
                throw new ArgumentException(RefusalPrefix +
                    $"detector D{d} has {(c.Length < 2 ? $"{c.Length} coordinates" : "a non-finite coordinate")}; " +
                    "every detector that an error flips needs a position (x, y) from detector(x, y, …)");
            }
            if (reference < 0)
            {
                reference = d;
            }
            else
            {
                RequireSameSlice(model, reference, d);
            }
            if (seen.TryGetValue((c[0], c[1]), out int other))
            {
                throw new ArgumentException(RefusalPrefix +
                    $"detectors D{other} and D{d} share the position ({Format(c[0])}, {Format(c[1])}); one detector per point of the plane");
            }
            seen.Add((c[0], c[1]), d);
            x[d] = c[0];
            y[d] = c[1];
        }
        return (x, y);
    }

    private static void RequireSameSlice(FlatDetectorErrorModel model, int reference, int d)
    {
        var a = model.DetectorCoordinates(reference);
        var b = model.DetectorCoordinates(d);
        if (a.Length != b.Length)
        {
            throw new ArgumentException(RefusalPrefix +
                $"detectors D{reference} and D{d} have {a.Length} and {b.Length} coordinates; all must have the same number");
        }
        for (int k = 2; k < a.Length; k++)
        {
            if (a[k] != b[k])
            {
                throw new ArgumentException(RefusalPrefix +
                    $"detectors D{reference} and D{d} differ in coordinate {k} ({Format(a[k])} vs {Format(b[k])}): " +
                    "errors flip detectors of more than one time slice, and a space-time network is not planar");
            }
        }
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
