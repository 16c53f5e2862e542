using ILGPU;
using Qec.TensorNetwork.Planar;
using Qec.TensorNetwork.Planar.Engine;

namespace Qec.TensorNetwork.Gpu;

/// <summary>
/// The memory of a batch of boundary-MPS contractions on the device, one kernel parameter. The per-shot regions of
/// <see cref="BoundaryLayout"/> are index-major, shot-minor (element i of shot s at i·<see cref="Stride"/> + s): the
/// threads of a warp run the same sweep in lockstep and touch consecutive addresses. Syndromes and outputs are
/// shot-major.
/// </summary>
public struct DeviceBoundaryBatch
{
    /// <summary>Shots in this launch: the stride of the index-major regions.</summary>
    public int Stride;

    /// <summary>Bytes of one packed syndrome.</summary>
    public int DetectorBytes;

    /// <summary>Classes per shot (2^k).</summary>
    public int Classes;

    /// <summary>The double regions, index-major.</summary>
    public ArrayView<double> Doubles;

    /// <summary>The int regions, index-major.</summary>
    public ArrayView<int> Ints;

    /// <summary>b8-packed syndromes, shot-major.</summary>
    public ArrayView<byte> Syndromes;

    /// <summary>ln Z(c | s), shot-major.</summary>
    public ArrayView<double> LogWeights;
}

/// <summary><see cref="IBoundaryShot"/> of one thread's shot inside a <see cref="DeviceBoundaryBatch"/>.</summary>
public readonly struct DeviceBoundaryShot(DeviceBoundaryBatch batch, int shot) : IBoundaryShot
{
    private long At(int index) => (long)index * batch.Stride + shot;

    /// <inheritdoc/>
    public double Get(int index) => batch.Doubles[At(index)];

    /// <inheritdoc/>
    public void Set(int index, double value) => batch.Doubles[At(index)] = value;

    /// <inheritdoc/>
    public int GetInt(int index) => batch.Ints[At(index)];

    /// <inheritdoc/>
    public void SetInt(int index, int value) => batch.Ints[At(index)] = value;

    /// <inheritdoc/>
    public int SyndromeBit(int detector) => (batch.Syndromes[(long)shot * batch.DetectorBytes + (detector >> 3)] >> (detector & 7)) & 1;

    /// <inheritdoc/>
    public void SetLogWeight(int cls, double value) => batch.LogWeights[(long)shot * batch.Classes + cls] = value;
}

/// <summary><see cref="ISweepProgramView"/> over device arrays (uploaded once per compiled decoder).</summary>
public struct DeviceSweepProgram : ISweepProgramView
{
    /// <summary>The steps.</summary>
    public ArrayView<SweepStep> Steps;

    /// <summary>The gates.</summary>
    public ArrayView<SweepGate> Gates;

    /// <summary>Detectors no mechanism flips.</summary>
    public ArrayView<int> DeadDetectors;

    /// <inheritdoc/>
    public readonly int StepCount => (int)Steps.Length;

    /// <inheritdoc/>
    readonly SweepStep ISweepProgramView.Step(int index) => Steps[index];

    /// <inheritdoc/>
    readonly SweepGate ISweepProgramView.Gate(int index) => Gates[index];

    /// <inheritdoc/>
    public readonly int DeadCount => (int)DeadDetectors.Length;

    /// <inheritdoc/>
    readonly int ISweepProgramView.Dead(int index) => DeadDetectors[index];
}
