namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The steps <see cref="BpEngine"/> and <see cref="Relay.RelayEngine"/> are made of: start from the
/// priors, reset the messages, one iteration (every check, every variable, the new hard decision),
/// and reading out the decision. <see cref="GenericSteps{TGraph, TState}"/> runs on any device (the
/// ILGPU kernels use it as it is); <see cref="ArraySteps"/> is the CPU's fast form of the same
/// arithmetic, bit for bit.
/// </summary>
public interface IBpSteps<TGraph, TState>
    where TGraph : struct, IGraphView
    where TState : struct, IShotState
{
    /// <summary>
    /// Sets posteriors to the priors and the hard decision to the prior's (flip where LLR ≤ 0), and
    /// marks the checks this decision leaves unsatisfied; returns their number.
    /// </summary>
    int StartFromPriors(ref TGraph graph, ref TState state);

    /// <summary>
    /// Starts the messages of a run: flooding sends every variable's prior to its checks; the layered
    /// schedule starts from silent checks (its variable messages are formed from the posteriors).
    /// </summary>
    void ResetMessages(ref TGraph graph, ref TState state, BpSchedule schedule);

    /// <summary>Runs one iteration with scaling <paramref name="alpha"/>; returns the unsatisfied checks after it.</summary>
    int Iterate(ref TGraph graph, ref TState state, in BpSettings settings, double alpha, bool withMemory, int unsatisfied);

    /// <summary>Writes the observables the hard decision flips into the state's observable words.</summary>
    void StoreObservables(ref TGraph graph, ref TState state);

    /// <summary>Σ ln((1 − p)/p) over the flipped variables: the weight of the hard decision.</summary>
    double DecisionWeight(ref TGraph graph, ref TState state);
}
