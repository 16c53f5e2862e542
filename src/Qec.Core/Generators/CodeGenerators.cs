using Qec.Core.Codes;
using Qec.Core.Dem;

namespace Qec.Core.Generators;

/// <summary>
/// Detector error models of Z-basis memory experiments, written directly (no circuit simulation):
/// the rotated surface code and the repetition code (graph-like), and any CSS code, e.g. a bivariate
/// bicycle code (hyperedges, k observables; <see cref="Css"/>), under code-capacity or
/// phenomenological noise. Every model declares <c>detector(x, y, t) D#</c> for all detectors (t, the
/// round, last) and its logical observables. The surface and repetition codes (x, y: the check's
/// position in Stim's layout) have one, <c>logical_observable L0</c>, whose flip is the logical X error
/// that a Z-memory experiment detects; every error there flips at most two
/// detectors per <c>^</c> component, so <see cref="Graphs.MatchingGraph.From(DetectorErrorModel)"/>
/// accepts it, and the shortest undetectable error that flips L0 has exactly <c>distance</c> data errors.
/// </summary>
/// <remarks>
/// Sizes, with nZ = ⌊(d² − 1)/2⌋ Z-type checks for the surface code and nZ = d − 1 for the repetition
/// code, n = d² or d data qubits and r rounds:
/// <list type="bullet">
/// <item><see cref="NoiseModel.CodeCapacity"/>: nZ detectors, n errors.</item>
/// <item><see cref="NoiseModel.CodeCapacityDepolarizing"/>: surface code d² − 1 detectors (Z checks,
/// then X checks) and 3d² errors (X, Y, Z per qubit); repetition code d − 1 detectors and d errors.</item>
/// <item><see cref="NoiseModel.Phenomenological"/>: nZ·(r + 1) detectors, (n + nZ)·r errors.</item>
/// </list>
/// </remarks>
public static class CodeGenerators
{
    /// <summary>Largest model these generators write: 3·d²·rounds (3n·rounds for a CSS code) must not exceed this.</summary>
    public const long MaxErrors = 50_000_000;

    /// <summary>The model of a code family; see <see cref="RotatedSurfaceCode"/> and <see cref="RepetitionCode"/>.</summary>
    public static DetectorErrorModel Generate(CodeFamily family, int distance, int rounds, NoiseModel noise, double p) =>
        family switch
        {
            CodeFamily.RotatedSurface => RotatedSurfaceCode(distance, rounds, noise, p),
            CodeFamily.Repetition => RepetitionCode(distance, rounds, noise, p),
            _ => throw new ArgumentException($"unknown code family {family}", nameof(family)),
        };

    /// <summary>
    /// The rotated surface code with d×d data qubits, Z-memory: detectors are the Z-type checks
    /// (which see X errors); L0 is flipped by an X error on the bottom row of data qubits.
    /// </summary>
    /// <param name="distance">Code distance d ≥ 2 (odd or even).</param>
    /// <param name="rounds">Rounds of stabilizer measurement: 1 for the code-capacity models, ≥ 1 for phenomenological.</param>
    /// <param name="noise">The noise model.</param>
    /// <param name="p">Error probability, 0 &lt; p ≤ 0.5.</param>
    /// <exception cref="ArgumentException">an argument is out of range (the exception names it).</exception>
    public static DetectorErrorModel RotatedSurfaceCode(int distance, int rounds, NoiseModel noise, double p)
    {
        Validate(distance, rounds, noise, p);
        return Build(CodeLayout.RotatedSurface(distance), rounds, noise, p);
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
        Validate(distance, rounds, noise, p);
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

    private static void Validate(int distance, int rounds, NoiseModel noise, double p)
    {
        if (distance < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "distance must be at least 2");
        }
        ValidateNoise(rounds, noise, p);
        // Upper bound on the error count of any family here: 3 per data qubit per round, d² data qubits.
        long errors = 3L * distance * distance * rounds;
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
