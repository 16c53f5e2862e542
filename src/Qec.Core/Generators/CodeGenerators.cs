using Qec.Core.Codes;
using Qec.Core.Dem;

namespace Qec.Core.Generators;

/// <summary>
/// Detector error models of memory experiments, written directly (no circuit simulation): the rotated
/// and unrotated surface codes in the Z or X basis and the repetition code (graph-like), and, in the Z
/// basis, any CSS code, e.g. a bivariate bicycle code (hyperedges, k observables; <see cref="Css"/>), under code-capacity or
/// phenomenological noise. Every model declares <c>detector(x, y, t) D#</c> for all detectors (t, the
/// round, last) and its logical observables. The surface and repetition codes (x, y: the check's
/// position in Stim's layout) have one, <c>logical_observable L0</c>, whose flip is the logical X error
/// that a Z-memory experiment detects (the logical Z error of an X memory, <see cref="MemoryBasis.X"/>,
/// whose model is the Z-memory model with X and Z exchanged); every error there flips at most two
/// detectors per <c>^</c> component, so <see cref="Graphs.MatchingGraph.From(DetectorErrorModel)"/>
/// accepts it, and the shortest undetectable error that flips L0 has exactly <c>distance</c> data errors.
/// </summary>
/// <remarks>
/// Sizes, with nZ detecting checks per round (rotated surface code: ⌊(d² − 1)/2⌋ Z-type or ⌈(d² − 1)/2⌉
/// X-type checks for the Z or X basis; unrotated: d(d − 1); repetition code: d − 1), n data qubits
/// (d², d² + (d − 1)² or d) and r rounds:
/// <list type="bullet">
/// <item><see cref="NoiseModel.CodeCapacity"/>: nZ detectors, n errors.</item>
/// <item><see cref="NoiseModel.CodeCapacityDepolarizing"/>: surface codes all checks as detectors (the
/// detecting type first: d² − 1 rotated, 2d(d − 1) unrotated) and 3n errors (X, Y, Z per qubit);
/// repetition code d − 1 detectors and d errors.</item>
/// <item><see cref="NoiseModel.Phenomenological"/>: nZ·(r + 1) detectors, (n + nZ)·r errors.</item>
/// </list>
/// </remarks>
public static class CodeGenerators
{
    /// <summary>Largest model these generators write: 3·d²·rounds (3n·rounds for the unrotated surface code and a CSS code) must not exceed this.</summary>
    public const long MaxErrors = 50_000_000;

    /// <summary>
    /// The model of a code family; see <see cref="RotatedSurfaceCode"/>, <see cref="UnrotatedSurfaceCode"/>
    /// and <see cref="RepetitionCode"/> (Z basis only: the bit-flip repetition code has no X checks).
    /// </summary>
    public static DetectorErrorModel Generate(CodeFamily family, int distance, int rounds, NoiseModel noise, double p, MemoryBasis basis = MemoryBasis.Z) =>
        family switch
        {
            CodeFamily.RotatedSurface => RotatedSurfaceCode(distance, rounds, noise, p, basis),
            CodeFamily.UnrotatedSurface => UnrotatedSurfaceCode(distance, rounds, noise, p, basis),
            CodeFamily.Repetition when basis == MemoryBasis.Z => RepetitionCode(distance, rounds, noise, p),
            CodeFamily.Repetition => throw new ArgumentOutOfRangeException(nameof(basis), basis,
                "the bit-flip repetition code has no X-type checks: only a Z-basis memory"),
            _ => throw new ArgumentException($"unknown code family {family}", nameof(family)),
        };

    /// <summary>
    /// The rotated surface code with d×d data qubits. Z memory: detectors are the Z-type checks
    /// (which see X errors); L0 is flipped by an X error on the bottom row of data qubits. X memory:
    /// detectors are the X-type checks (which see Z errors); L0 is flipped by a Z error on the left column.
    /// </summary>
    /// <param name="distance">Code distance d ≥ 2 (odd or even).</param>
    /// <param name="rounds">Rounds of stabilizer measurement: 1 for the code-capacity models, ≥ 1 for phenomenological.</param>
    /// <param name="noise">The noise model.</param>
    /// <param name="p">Error probability, 0 &lt; p ≤ 0.5.</param>
    /// <param name="basis">The memory basis.</param>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel RotatedSurfaceCode(int distance, int rounds, NoiseModel noise, double p, MemoryBasis basis = MemoryBasis.Z)
    {
        Validate(distance, rounds, noise, p, basis, (long)distance * distance);
        return Build(CodeLayout.RotatedSurface(distance, basis), rounds, noise, p);
    }

    /// <summary>
    /// The unrotated (planar) surface code with d² + (d − 1)² data qubits and d(d − 1) checks of each type
    /// (Stim's layout: detector (x, y, t) at the check's grid position; see <see cref="CodeFamily.UnrotatedSurface"/>).
    /// Z memory: L0 is flipped by an X error on the top row y = 0; X memory: by a Z error on the left column x = 0.
    /// </summary>
    /// <inheritdoc cref="RotatedSurfaceCode" path="/param"/>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel UnrotatedSurfaceCode(int distance, int rounds, NoiseModel noise, double p, MemoryBasis basis = MemoryBasis.Z)
    {
        Validate(distance, rounds, noise, p, basis, (long)distance * distance + (long)(distance - 1) * (distance - 1));
        return Build(CodeLayout.UnrotatedSurface(distance, basis), rounds, noise, p);
    }

    /// <summary>
    /// The bit-flip repetition code with d data qubits on a line, Z-memory: d − 1 ZZ checks;
    /// L0 is flipped by an X error on the last data qubit. Detector coordinates are (x, 0, t).
    /// </summary>
    /// <param name="distance">Code distance d ≥ 2.</param>
    /// <param name="rounds">Rounds of stabilizer measurement: 1 for the code-capacity models, ≥ 1 for phenomenological.</param>
    /// <param name="noise">The noise model.</param>
    /// <param name="p">Error probability, 0 &lt; p ≤ 0.5.</param>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel RepetitionCode(int distance, int rounds, NoiseModel noise, double p)
    {
        Validate(distance, rounds, noise, p, MemoryBasis.Z, (long)distance * distance);
        return Build(CodeLayout.Repetition(distance), rounds, noise, p);
    }

    /// <summary>
    /// A CSS code, Z-memory: the detectors are the rows of H_Z (all of them, dependent ones included);
    /// observable L_i is flipped by an X error on a qubit of Z logical i (<see cref="CssCode.ZLogicals"/>),
    /// and <c>logical_observable L0</c> … L(k−1) are declared. Detector coordinates are (c, 0, t) for Z check c
    /// and (c, 1, t) for X check c (depolarizing noise only); the time t is the last coordinate.
    /// Sizes with mZ rows of H_Z, mX rows of H_X, n qubits and r rounds: code capacity mZ detectors and
    /// n errors; depolarizing mZ + mX detectors and 3n errors (n when H_X has no rows); phenomenological
    /// mZ·(r + 1) detectors and (n + mZ)·r errors. Data errors are listed qubit by qubit, so error q (per
    /// round) is qubit q; a qubit whose X error flips nothing (it is itself an X stabilizer) keeps its
    /// place as <c>error(p)</c> without targets.
    /// </summary>
    /// <param name="code">The code.</param>
    /// <param name="rounds">Rounds of stabilizer measurement: 1 for the code-capacity models, ≥ 1 for phenomenological.</param>
    /// <param name="noise">The noise model.</param>
    /// <param name="p">Error probability, 0 &lt; p ≤ 0.5.</param>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel Css(CssCode code, int rounds, NoiseModel noise, double p)
    {
        ValidateNoise(rounds, noise, p);
        ValidateSize(code, rounds);
        return Build(CodeLayout.Css(code, c => (c, 0), c => (c, 1)), rounds, noise, p);
    }

    /// <summary>
    /// A bivariate bicycle code as <see cref="Css"/>, with detector coordinates on the torus: (i, j, t) for
    /// the Z check at (i, j) (<see cref="BivariateBicycleCode.CheckPosition"/>) and (i + ½, j + ½, t) for the
    /// X check there, so that the two checks of a cell have distinct coordinates.
    /// </summary>
    /// <inheritdoc cref="Css" path="/param"/>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel BivariateBicycle(BivariateBicycleCode code, int rounds, NoiseModel noise, double p)
    {
        ValidateNoise(rounds, noise, p);
        ValidateSize(code.Code, rounds);
        return Build(CodeLayout.Css(code.Code, c => code.CheckPosition(c), c => (code.CheckPosition(c).I + 0.5, code.CheckPosition(c).J + 0.5)),
            rounds, noise, p);
    }

    private static DetectorErrorModel Build(CodeLayout layout, int rounds, NoiseModel noise, double p) => noise switch
    {
        NoiseModel.CodeCapacity => NoisyMemoryDem.CodeCapacity(layout, p),
        NoiseModel.CodeCapacityDepolarizing => NoisyMemoryDem.CodeCapacityDepolarizing(layout, p),
        _ => NoisyMemoryDem.Phenomenological(layout, rounds, p),
    };

    // dataBound: an upper bound on the data qubits (d² for the rotated and repetition codes).
    private static void Validate(int distance, int rounds, NoiseModel noise, double p, MemoryBasis basis, long dataBound)
    {
        if (distance < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "distance must be at least 2");
        }
        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, "unknown memory basis");
        }
        ValidateNoise(rounds, noise, p);
        // Upper bound on the error count: 3 per data qubit per round.
        long errors = 3L * dataBound * rounds;
        if (errors > MaxErrors)
        {
            throw new ArgumentOutOfRangeException(rounds > 1 ? nameof(rounds) : nameof(distance), rounds > 1 ? rounds : distance,
                $"distance {distance} with {rounds} rounds could need up to {errors} errors; the limit is {MaxErrors}");
        }
    }

    private static void ValidateSize(CssCode code, int rounds)
    {
        // Errors per round: 3n (depolarizing) or n + mZ (phenomenological); the larger bounds both.
        long errors = Math.Max(3L * code.NumQubits, code.NumQubits + (long)code.HZ.Rows) * rounds;
        if (errors > MaxErrors)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds,
                $"{code.NumQubits} qubits with {rounds} rounds could need up to {errors} errors; the limit is {MaxErrors}");
        }
    }

    private static void ValidateNoise(int rounds, NoiseModel noise, double p)
    {
        if (!Enum.IsDefined(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "unknown noise model");
        }
        if (rounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "rounds must be at least 1");
        }
        if (noise != NoiseModel.Phenomenological && rounds != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds,
                $"{noise} noise has one round of perfect measurement: rounds must be 1");
        }
        if (!(p > 0 && p <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in (0, 0.5]");
        }
    }
}
