namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// The working memory of one shot: its syndrome, the two message arrays (one value per edge), the
/// posterior and hard decision of every variable, which checks the hard decision leaves unsatisfied,
/// the compressed state of each check under flooding min-sum, the memory strengths of Relay-BP and
/// the best observables found. On the CPU each decoder owns one
/// (<see cref="ArrayShotState"/>); in an ILGPU kernel each thread owns the slice of its shot.
/// Invariant kept by <see cref="BeliefPropagation"/>: Unsatisfied(c) = syndrome(c) XOR the parity of
/// the decisions on check c.
/// </summary>
public interface IShotState
{
    /// <summary>Detection event of check c.</summary>
    bool Syndrome(int check);

    /// <summary>Message from a variable to a check, per edge.</summary>
    double VariableToCheck(int edge);

    /// <summary>Sets a variable-to-check message.</summary>
    void SetVariableToCheck(int edge, double value);

    /// <summary>Message from a check to a variable, per edge.</summary>
    double CheckToVariable(int edge);

    /// <summary>Sets a check-to-variable message.</summary>
    void SetCheckToVariable(int edge, double value);

    /// <summary>The compressed min-sum state of check c (flooding min-sum).</summary>
    CheckSummary Summary(int check);

    /// <summary>Stores the compressed state of check c.</summary>
    void SetSummary(int check, CheckSummary summary);

    /// <summary>Posterior log-likelihood ratio of a variable (positive: no flip likelier).</summary>
    double Posterior(int variable);

    /// <summary>Sets a posterior.</summary>
    void SetPosterior(int variable, double value);

    /// <summary>Hard decision of a variable (true: flipped).</summary>
    bool Decision(int variable);

    /// <summary>Sets a hard decision.</summary>
    void SetDecision(int variable, bool value);

    /// <summary>Whether check c disagrees with the hard decision.</summary>
    bool Unsatisfied(int check);

    /// <summary>Sets whether check c disagrees with the hard decision.</summary>
    void SetUnsatisfied(int check, bool value);

    /// <summary>Memory strength γ of a variable (Relay-BP).</summary>
    double MemoryStrength(int variable);

    /// <summary>Sets a memory strength.</summary>
    void SetMemoryStrength(int variable, double value);

    /// <summary>Word w of the predicted observable flips.</summary>
    ulong Observables(int word);

    /// <summary>Sets word w of the predicted observable flips.</summary>
    void SetObservables(int word, ulong value);
}
