using ILGPU;
using Qec.BeliefPropagation.MessagePassing;

namespace Qec.BeliefPropagation.Gpu;

/// <summary>
/// The working memory of a batch of shots on the device, one kernel parameter. Per-edge, per-variable
/// and per-check arrays are laid out index-major, shot-minor (element i of shot s at i·Stride + s), so
/// the threads of a warp — consecutive shots walking the same graph in lockstep — touch consecutive
/// addresses (coalesced). Inputs and outputs per shot are shot-major: the packed syndromes
/// (<see cref="DetectorBytes"/> per shot, Stim's b8), the observable words, the iteration count and
/// the convergence flag.
/// </summary>
public struct DeviceBatchViews
{
    /// <summary>Shots in this launch: the stride of the index-major arrays.</summary>
    public int Stride;

    /// <summary>Bytes of one packed syndrome.</summary>
    public int DetectorBytes;

    /// <summary>b8-packed syndromes, shot-major.</summary>
    public ArrayView<byte> Syndromes;

    /// <summary>Messages per edge, index-major.</summary>
    public ArrayView<double> VariableToCheck, CheckToVariable;

    /// <summary>Per variable, index-major.</summary>
    public ArrayView<double> Posterior, MemoryStrength;

    /// <summary>Per check, index-major.</summary>
    public ArrayView<CheckSummary> Summaries;

    /// <summary>Flags as bytes, index-major: decisions per variable, unsatisfied per check.</summary>
    public ArrayView<byte> Decisions, Unsatisfied;

    /// <summary>Predicted observable words, shot-major (ObservableWords per shot).</summary>
    public ArrayView<ulong> Observables;

    /// <summary>Iterations per shot.</summary>
    public ArrayView<int> Iterations;

    /// <summary>1 where the shot's decision satisfies its syndrome.</summary>
    public ArrayView<byte> Converged;
}

/// <summary><see cref="IShotState"/> of one thread's shot inside a <see cref="DeviceBatchViews"/>.</summary>
public struct DeviceShotState : IShotState
{
    private readonly DeviceBatchViews _batch;
    private readonly int _shot;
    private readonly int _words;

    /// <summary>The state of shot <paramref name="shot"/> of <paramref name="batch"/>.</summary>
    public DeviceShotState(DeviceBatchViews batch, int shot, int observableWords)
    {
        _batch = batch;
        _shot = shot;
        _words = observableWords;
    }

    private readonly long At(int index) => (long)index * _batch.Stride + _shot;

    /// <inheritdoc/>
    public readonly bool Syndrome(int check) => ((_batch.Syndromes[(long)_shot * _batch.DetectorBytes + (check >> 3)] >> (check & 7)) & 1) != 0;

    /// <inheritdoc/>
    public readonly double VariableToCheck(int edge) => _batch.VariableToCheck[At(edge)];

    /// <inheritdoc/>
    public readonly void SetVariableToCheck(int edge, double value) => _batch.VariableToCheck[At(edge)] = value;

    /// <inheritdoc/>
    public readonly double CheckToVariable(int edge) => _batch.CheckToVariable[At(edge)];

    /// <inheritdoc/>
    public readonly void SetCheckToVariable(int edge, double value) => _batch.CheckToVariable[At(edge)] = value;

    /// <inheritdoc/>
    public readonly CheckSummary Summary(int check) => _batch.Summaries[At(check)];

    /// <inheritdoc/>
    public readonly void SetSummary(int check, CheckSummary summary) => _batch.Summaries[At(check)] = summary;

    /// <inheritdoc/>
    public readonly double Posterior(int variable) => _batch.Posterior[At(variable)];

    /// <inheritdoc/>
    public readonly void SetPosterior(int variable, double value) => _batch.Posterior[At(variable)] = value;

    /// <inheritdoc/>
    public readonly bool Decision(int variable) => _batch.Decisions[At(variable)] != 0;

    /// <inheritdoc/>
    public readonly void SetDecision(int variable, bool value) => _batch.Decisions[At(variable)] = (byte)(value ? 1 : 0);

    /// <inheritdoc/>
    public readonly bool Unsatisfied(int check) => _batch.Unsatisfied[At(check)] != 0;

    /// <inheritdoc/>
    public readonly void SetUnsatisfied(int check, bool value) => _batch.Unsatisfied[At(check)] = (byte)(value ? 1 : 0);

    /// <inheritdoc/>
    public readonly double MemoryStrength(int variable) => _batch.MemoryStrength[At(variable)];

    /// <inheritdoc/>
    public readonly void SetMemoryStrength(int variable, double value) => _batch.MemoryStrength[At(variable)] = value;

    /// <inheritdoc/>
    public readonly ulong Observables(int word) => _batch.Observables[(long)_shot * _words + word];

    /// <inheritdoc/>
    public readonly void SetObservables(int word, ulong value) => _batch.Observables[(long)_shot * _words + word] = value;
}
