namespace Qec.TensorNetwork.Planar.Engine;

/// <summary><see cref="IBoundaryShot"/> over managed arrays: the CPU's memory for one shot at a time.</summary>
internal readonly struct ArrayBoundaryShot(double[] doubles, int[] ints, byte[] syndrome, double[] logWeights) : IBoundaryShot
{
    /// <inheritdoc/>
    public double Get(int index) => doubles[index];

    /// <inheritdoc/>
    public void Set(int index, double value) => doubles[index] = value;

    /// <inheritdoc/>
    public int GetInt(int index) => ints[index];

    /// <inheritdoc/>
    public void SetInt(int index, int value) => ints[index] = value;

    /// <inheritdoc/>
    public int SyndromeBit(int detector) => (syndrome[detector >> 3] >> (detector & 7)) & 1;

    /// <inheritdoc/>
    public void SetLogWeight(int cls, double value) => logWeights[cls] = value;
}

/// <summary><see cref="ISweepProgramView"/> over managed arrays.</summary>
internal readonly struct ArraySweepProgram(SweepStep[] steps, SweepGate[] gates, int[] dead) : ISweepProgramView
{
    /// <summary>The arrays of <paramref name="program"/>.</summary>
    public ArraySweepProgram(SweepProgram program)
        : this(Array.ConvertAll(program.Operations, op => SweepStep.From(op)), program.Gates, program.DeadDetectors)
    {
    }

    /// <summary>The steps.</summary>
    public SweepStep[] Steps => steps;

    /// <inheritdoc/>
    public int StepCount => steps.Length;

    /// <inheritdoc/>
    public SweepStep Step(int index) => steps[index];

    /// <inheritdoc/>
    public SweepGate Gate(int index) => gates[index];

    /// <inheritdoc/>
    public int DeadCount => dead.Length;

    /// <inheritdoc/>
    public int Dead(int index) => dead[index];
}
