namespace Qec.TensorNetwork.Planar.Engine;

/// <summary>
/// The working memory of one shot's boundary-MPS contraction, as <see cref="BoundarySweep{TShot, TProgram}"/> sees it:
/// a region of doubles and a region of ints laid out by <see cref="BoundaryLayout"/>, the shot's syndrome and its
/// output. The CPU implementation wraps arrays (<see cref="ArrayBoundaryShot"/>); the ILGPU one maps index i of shot s
/// to i·stride + s, so the threads of a warp touch consecutive addresses. Implementations are structs, so the engine is
/// specialised (and inlined) per memory kind, on the CPU and in kernels alike.
/// </summary>
public interface IBoundaryShot
{
    /// <summary>Double i of the shot's region.</summary>
    double Get(int index);

    /// <summary>Sets double i of the shot's region.</summary>
    void Set(int index, double value);

    /// <summary>Int i of the shot's region.</summary>
    int GetInt(int index);

    /// <summary>Sets int i of the shot's region.</summary>
    void SetInt(int index, int value);

    /// <summary>The syndrome bit of <paramref name="detector"/> (0 or 1).</summary>
    int SyndromeBit(int detector);

    /// <summary>Writes ln Z(c | s) of class c.</summary>
    void SetLogWeight(int cls, double value);
}

/// <summary>The compiled sweep as the engine reads it (<see cref="SweepProgram"/> flattened into arrays).</summary>
public interface ISweepProgramView
{
    /// <summary>Steps of the sweep.</summary>
    int StepCount { get; }

    /// <summary>Step i.</summary>
    SweepStep Step(int index);

    /// <summary>Gate i (referenced by <see cref="SweepStep.FirstGate"/>).</summary>
    SweepGate Gate(int index);

    /// <summary>Detectors no mechanism flips.</summary>
    int DeadCount { get; }

    /// <summary>Dead detector i.</summary>
    int Dead(int index);
}

/// <summary>
/// <see cref="SweepOperation"/> as plain ints, the form kernels take: <see cref="Open"/> 1 for an open, 0 for an
/// update; <see cref="Upward"/> 1 or 0. The other fields mean what they mean there.
/// </summary>
public readonly record struct SweepStep(int Open, int Start, int Length, int FirstGate, int GateCount, int CloseOffset, int Detector,
    int ObservableOffset, int Upward)
{
    /// <summary>The ints of <paramref name="op"/>.</summary>
    internal static SweepStep From(in SweepOperation op) => new(op.Kind == SweepOperationKind.Open ? 1 : 0, op.Start, op.Length,
        op.FirstGate, op.GateCount, op.CloseOffset, op.Detector, op.ObservableOffset, op.Upward ? 1 : 0);
}
