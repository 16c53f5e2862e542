using Qec.BeliefPropagation.Graph;

namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// <see cref="IShotState"/> over managed arrays owned by one CPU decoder and reused shot after shot
/// (no allocation per shot). The syndrome is read from a b8-packed copy of the shot's detection events.
/// </summary>
public readonly struct ArrayShotState : IShotState
{
    private readonly double[] _variableToCheck, _checkToVariable, _posterior, _memoryStrength;
    private readonly CheckSummary[] _summary;
    private readonly bool[] _decision, _unsatisfied;
    private readonly byte[] _syndrome;
    private readonly ulong[] _observables;

    /// <summary>Fresh working memory for shots of <paramref name="graph"/>.</summary>
    public ArrayShotState(TannerGraph graph)
    {
        _variableToCheck = new double[graph.NumEdges];
        _checkToVariable = new double[graph.NumEdges];
        _posterior = new double[graph.NumVariables];
        _memoryStrength = new double[graph.NumVariables];
        _decision = new bool[graph.NumVariables];
        _unsatisfied = new bool[graph.NumChecks];
        _summary = new CheckSummary[graph.NumChecks];
        _syndrome = new byte[(graph.NumChecks + 7) >> 3];
        _observables = new ulong[graph.ObservableWords];
    }

    /// <summary>The packed syndrome the next run reads (b8: check c in byte c&gt;&gt;3, bit c&amp;7).</summary>
    public Span<byte> PackedSyndrome => _syndrome;

    /// <summary>Posterior LLR of every variable after the last run.</summary>
    public ReadOnlySpan<double> Posteriors => _posterior;

    /// <summary>Hard decision of every variable after the last run.</summary>
    public ReadOnlySpan<bool> Decisions => _decision;

    /// <summary>The observable words last stored.</summary>
    public ReadOnlySpan<ulong> ObservableWords => _observables;

    internal byte[] SyndromeBytes => _syndrome;

    internal double[] VariableToCheckArray => _variableToCheck;

    internal double[] CheckToVariableArray => _checkToVariable;

    internal double[] PosteriorArray => _posterior;

    internal double[] MemoryStrengthArray => _memoryStrength;

    internal bool[] DecisionArray => _decision;

    internal bool[] UnsatisfiedArray => _unsatisfied;

    internal ulong[] ObservableArray => _observables;

    /// <inheritdoc/>
    public bool Syndrome(int check) => ((ArrayGraphView.At(_syndrome, check >> 3) >> (check & 7)) & 1) != 0;

    /// <inheritdoc/>
    public double VariableToCheck(int edge) => ArrayGraphView.At(_variableToCheck, edge);

    /// <inheritdoc/>
    public void SetVariableToCheck(int edge, double value) => ArrayGraphView.At(_variableToCheck, edge) = value;

    /// <inheritdoc/>
    public double CheckToVariable(int edge) => ArrayGraphView.At(_checkToVariable, edge);

    /// <inheritdoc/>
    public void SetCheckToVariable(int edge, double value) => ArrayGraphView.At(_checkToVariable, edge) = value;

    /// <inheritdoc/>
    public CheckSummary Summary(int check) => ArrayGraphView.At(_summary, check);

    /// <inheritdoc/>
    public void SetSummary(int check, CheckSummary summary) => ArrayGraphView.At(_summary, check) = summary;

    /// <inheritdoc/>
    public double Posterior(int variable) => ArrayGraphView.At(_posterior, variable);

    /// <inheritdoc/>
    public void SetPosterior(int variable, double value) => ArrayGraphView.At(_posterior, variable) = value;

    /// <inheritdoc/>
    public bool Decision(int variable) => ArrayGraphView.At(_decision, variable);

    /// <inheritdoc/>
    public void SetDecision(int variable, bool value) => ArrayGraphView.At(_decision, variable) = value;

    /// <inheritdoc/>
    public bool Unsatisfied(int check) => ArrayGraphView.At(_unsatisfied, check);

    /// <inheritdoc/>
    public void SetUnsatisfied(int check, bool value) => ArrayGraphView.At(_unsatisfied, check) = value;

    /// <inheritdoc/>
    public double MemoryStrength(int variable) => ArrayGraphView.At(_memoryStrength, variable);

    /// <inheritdoc/>
    public void SetMemoryStrength(int variable, double value) => ArrayGraphView.At(_memoryStrength, variable) = value;

    /// <inheritdoc/>
    public ulong Observables(int word) => ArrayGraphView.At(_observables, word);

    /// <inheritdoc/>
    public void SetObservables(int word, ulong value) => ArrayGraphView.At(_observables, word) = value;
}
