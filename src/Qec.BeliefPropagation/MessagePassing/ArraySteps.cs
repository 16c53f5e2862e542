namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The CPU's steps, over the arrays directly, with the same arithmetic in the same order as
/// <see cref="GenericSteps{TGraph, TState}"/> (decisions, iteration counts and posteriors are identical,
/// bit for bit; a test holds them equal) and about twice as fast: the arrays stay in registers and
/// each check writes its messages once. Flooding min-sum — the default of bp and bposd and the rule of
/// relaybp — runs here; other rules run the generic iteration.
/// </summary>
public struct ArraySteps : IBpSteps<ArrayGraphView, ArrayShotState>
{
    /// <inheritdoc/>
    public readonly int StartFromPriors(ref ArrayGraphView graph, ref ArrayShotState state)
    {
        if (graph.HasNonPositivePrior)
        {
            return BpEngine.StartFromPriors(ref graph, ref state);
        }
        // Every prior favours "no flip": the decision is all zero and the unsatisfied checks are the detection events.
        graph.Priors.AsSpan().CopyTo(state.PosteriorArray);
        Array.Clear(state.DecisionArray);
        var unsatisfied = state.UnsatisfiedArray;
        var syndrome = state.SyndromeBytes;
        int count = 0;
        for (int c = 0; c < unsatisfied.Length; c++)
        {
            bool u = ((syndrome[c >> 3] >> (c & 7)) & 1) != 0;
            unsatisfied[c] = u;
            count += u ? 1 : 0;
        }
        return count;
    }

    /// <inheritdoc/>
    public readonly void ResetMessages(ref ArrayGraphView graph, ref ArrayShotState state, BpSchedule schedule)
    {
        if (schedule == BpSchedule.Flooding)
        {
            graph.EdgePriors.AsSpan().CopyTo(state.VariableToCheckArray);
        }
        else
        {
            Array.Clear(state.CheckToVariableArray);
        }
    }

    /// <inheritdoc/>
    public readonly void StoreObservables(ref ArrayGraphView graph, ref ArrayShotState state)
    {
        var decision = state.DecisionArray;
        var masks = graph.ObservableMasks;
        int words = graph.ObservableWords;
        var observables = state.ObservableArray;
        Array.Clear(observables);
        for (int v = 0; v < decision.Length; v++)
        {
            if (decision[v])
            {
                for (int w = 0; w < words; w++)
                {
                    observables[w] ^= masks[v * words + w];
                }
            }
        }
    }

    /// <inheritdoc/>
    public readonly double DecisionWeight(ref ArrayGraphView graph, ref ArrayShotState state) => BpEngine.DecisionWeight(ref graph, ref state);

    /// <inheritdoc/>
    public readonly int Iterate(ref ArrayGraphView graph, ref ArrayShotState state, in BpSettings settings, double alpha, bool withMemory, int unsatisfied)
    {
        if (settings.Schedule != BpSchedule.Flooding || settings.Method != BpMethod.MinSum)
        {
            return default(GenericSteps<ArrayGraphView, ArrayShotState>).Iterate(ref graph, ref state, settings, alpha, withMemory, unsatisfied);
        }
        SendCheckMessages(graph, state, alpha);
        return UpdateVariables(graph, state, withMemory, unsatisfied);
    }

    /// <summary>Min-sum at every check (see <see cref="CheckUpdate.MinSumSummary"/>), each message written to its edge.</summary>
    private static void SendCheckMessages(in ArrayGraphView graph, in ArrayShotState state, double alpha)
    {
        var rowStart = graph.RowStarts;
        var rowEdges = graph.RowEdges;
        var v2c = state.VariableToCheckArray;
        var c2v = state.CheckToVariableArray;
        var syndrome = state.SyndromeBytes;
        for (int c = 0; c < graph.NumChecks; c++)
        {
            bool parity = ((syndrome[c >> 3] >> (c & 7)) & 1) != 0;
            double min1 = CheckUpdate.SoleEdgeMagnitude, min2 = CheckUpdate.SoleEdgeMagnitude;
            int argMin = -1, begin = rowStart[c], end = rowStart[c + 1];
            for (int i = begin; i < end; i++)
            {
                double m = v2c[rowEdges[i]];
                parity ^= m <= 0;
                double a = m < 0 ? -m : m;
                if (a < min1)
                {
                    min2 = min1;
                    min1 = a;
                    argMin = rowEdges[i];
                }
                else if (a < min2)
                {
                    min2 = a;
                }
            }
            double out1 = alpha * min1, out2 = alpha * min2;
            for (int i = begin; i < end; i++)
            {
                int e = rowEdges[i];
                double magnitude = e == argMin ? out2 : out1;
                c2v[e] = parity ^ (v2c[e] <= 0) ? -magnitude : magnitude;
            }
        }
    }

    /// <summary>The flooding variable update of <see cref="VariableUpdate.Flooding"/> over stored messages.</summary>
    private static int UpdateVariables(in ArrayGraphView graph, in ArrayShotState state, bool withMemory, int unsatisfied)
    {
        var columnStart = graph.ColumnStarts;
        var edgeCheck = graph.EdgeChecks;
        var priors = graph.Priors;
        var v2c = state.VariableToCheckArray;
        var c2v = state.CheckToVariableArray;
        var posterior = state.PosteriorArray;
        var gamma = state.MemoryStrengthArray;
        var decision = state.DecisionArray;
        var unsat = state.UnsatisfiedArray;
        for (int v = 0; v < posterior.Length; v++)
        {
            double prior = priors[v];
            if (withMemory)
            {
                prior = VariableUpdate.MemoryPrior(prior, gamma[v], posterior[v]);
            }
            int begin = columnStart[v], end = columnStart[v + 1];
            double sum = prior;
            for (int e = begin; e < end; e++)
            {
                v2c[e] = sum;
                sum += c2v[e];
            }
            sum = sum > BpEngine.MessageBound ? BpEngine.MessageBound : sum < -BpEngine.MessageBound ? -BpEngine.MessageBound : sum;
            posterior[v] = sum;
            double others = 0;
            for (int e = end - 1; e >= begin; e--)
            {
                v2c[e] += others;
                others += c2v[e];
            }
            bool flipped = sum <= 0;
            if (flipped != decision[v])
            {
                decision[v] = flipped;
                for (int e = begin; e < end; e++)
                {
                    bool now = !unsat[edgeCheck[e]];
                    unsat[edgeCheck[e]] = now;
                    unsatisfied += now ? 1 : -1;
                }
            }
        }
        return unsatisfied;
    }
}
