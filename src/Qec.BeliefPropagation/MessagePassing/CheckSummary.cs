using System.Runtime.CompilerServices;

namespace Qec.BeliefPropagation.MessagePassing;

/// <summary>
/// What a check sends under flooding min-sum, in compressed form: every message has magnitude
/// <see cref="Minimum"/> except the one along <see cref="MinimumEdge"/>, which gets
/// <see cref="SecondMinimum"/>; the sign is <see cref="Parity"/> XOR (the edge's own input ≤ 0).
/// </summary>
/// <param name="Minimum">α × the smallest incoming magnitude (at most α·<see cref="CheckUpdate.SoleEdgeMagnitude"/>).</param>
/// <param name="SecondMinimum">α × the second smallest incoming magnitude.</param>
/// <param name="MinimumEdge">The edge that brought the smallest magnitude (−1 for a check without edges).</param>
/// <param name="ParityBit">The check's syndrome bit XOR the parity of its negative inputs, as 0 or 1 (a byte, so the struct can live in device memory).</param>
public readonly record struct CheckSummary(double Minimum, double SecondMinimum, int MinimumEdge, byte ParityBit)
{
    /// <summary>A summary with the parity as a flag.</summary>
    public CheckSummary(double minimum, double secondMinimum, int minimumEdge, bool parity)
        : this(minimum, secondMinimum, minimumEdge, (byte)(parity ? 1 : 0))
    {
    }

    /// <summary>The check's syndrome bit XOR the parity of its negative inputs.</summary>
    public bool Parity => ParityBit != 0;

    /// <summary>The message along <paramref name="edge"/>, whose input to the check was negative (≤ 0) or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MessageTo(int edge, bool inputNegative)
    {
        double magnitude = edge == MinimumEdge ? SecondMinimum : Minimum;
        return Parity ^ inputNegative ? -magnitude : magnitude;
    }
}
