using System.Globalization;

namespace Qec.TensorNetwork.Planar;

/// <summary>
/// The syndrome-independent part of a boundary-MPS contraction, compiled once per model: the list of
/// <see cref="SweepOperation"/>s (open a detector's site; update a window of sites with some
/// mechanisms and maybe close a detector) and their <see cref="SweepGate"/>s. Immutable and shared by
/// every <see cref="Engine.BoundarySweep{TShot, TProgram}"/> that runs it.
/// </summary>
internal sealed class SweepProgram
{
    /// <summary>
    /// Longest window an update may contract. Its tensor has χ²·2^m entries; on the rotated surface code
    /// the longest window is 2–3 sites (bit flips) or 4–6 (depolarizing), while a model whose errors
    /// connect far-apart detectors (a qLDPC code on a torus) needs windows as long as the front.
    /// </summary>
    public const int MaxWindowSites = 8;

    /// <summary>Largest number of observables (the output has 2^k classes).</summary>
    public const int MaxObservables = 16;

    internal SweepProgram(SweepOrientation orientation, SweepOperation[] operations, SweepGate[] gates, int numDetectors,
        int numObservables, int[] deadDetectors, int maxWindow, int maxChain, long decompositions, long windowWork)
    {
        Orientation = orientation;
        Operations = operations;
        Gates = gates;
        NumDetectors = numDetectors;
        NumObservables = numObservables;
        DeadDetectors = deadDetectors;
        LongestWindow = maxWindow;
        LongestFront = maxChain;
        Decompositions = decompositions;
        WindowWork = windowWork;
    }

    /// <summary>The sweep direction and where the observable sites sit.</summary>
    public SweepOrientation Orientation { get; }

    /// <summary>The steps, in order.</summary>
    public SweepOperation[] Operations { get; }

    /// <summary>The gates of all updates, referenced by <see cref="SweepOperation.FirstGate"/>.</summary>
    public SweepGate[] Gates { get; }

    /// <summary>Detectors of the model.</summary>
    public int NumDetectors { get; }

    /// <summary>Observables of the model.</summary>
    public int NumObservables { get; }

    /// <summary>Detectors no mechanism flips: a shot that sets one has probability zero.</summary>
    public int[] DeadDetectors { get; }

    /// <summary>Longest window of any update.</summary>
    public int LongestWindow { get; }

    /// <summary>Most sites the front ever holds (observables included).</summary>
    public int LongestFront { get; }

    /// <summary>Upper bound on the SVDs per shot (window splits and centre moves).</summary>
    public long Decompositions { get; }

    /// <summary>Σ 2^m over updates: the relative size of the window tensors (tie-breaker between orientations).</summary>
    public long WindowWork { get; }

    /// <summary>
    /// Tries every <see cref="SweepOrientation"/> and keeps the cheapest (fewest SVDs, then least window work).
    /// </summary>
    /// <exception cref="ArgumentException">no orientation keeps every mechanism local, or there are too many observables.</exception>
    public static SweepProgram Compile(PlanarLayout layout)
    {
        if (layout.NumObservables > MaxObservables)
        {
            throw new ArgumentException(PlanarLayout.RefusalPrefix +
                $"the model has {layout.NumObservables} observables; the boundary MPS carries at most {MaxObservables} " +
                $"(2^{MaxObservables} classes)");
        }
        SweepProgram? best = null;
        var failures = new List<string>();
        foreach (var orientation in SweepOrientation.All)
        {
            var program = SweepProgramBuilder.TryBuild(layout, orientation, out string failure);
            if (program is null)
            {
                failures.Add(failure);
            }
            else if (best is null || (program.Decompositions, program.WindowWork).CompareTo((best.Decompositions, best.WindowWork)) < 0)
            {
                best = program;
            }
        }
        if (best is null)
        {
            throw new ArgumentException(PlanarLayout.RefusalPrefix + "no sweep of the plane keeps every error local: " +
                string.Join("; ", failures));
        }
        return best;
    }

    /// <summary>One line: orientation, steps, front and window sizes.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sweep {Orientation}: {Operations.Length} steps, front ≤ {LongestFront} sites, window ≤ {LongestWindow} sites, ≤ {Decompositions} SVDs");
}
