namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>How a belief-propagation run ended.</summary>
/// <param name="Iterations">Iterations run (0 when the prior decision already satisfied the syndrome).</param>
/// <param name="Converged">Whether the final hard decision satisfies the syndrome.</param>
public readonly record struct BpOutcome(int Iterations, bool Converged);
