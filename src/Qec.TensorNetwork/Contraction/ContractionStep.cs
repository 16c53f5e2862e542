namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// One pairwise contraction C[b, l, r] = Σ_s A[b, l, s] · B[b, s, r]: b the labels both keep (a hyperedge
/// still needed elsewhere, or open), l and r the labels only one side keeps, s the labels summed here.
/// Labels only one side holds and nobody else needs are summed inside the gathers.
/// </summary>
internal sealed class ContractionStep
{
    public required int Left { get; init; }

    public required int Right { get; init; }

    public required int Result { get; init; }

    /// <summary>Result labels: batch, then left-only, then right-only.</summary>
    public required int[] ResultIndices { get; init; }

    public required int BatchSize { get; init; }

    public required int LeftSize { get; init; }

    public required int RightSize { get; init; }

    public required int SumSize { get; init; }

    /// <summary>Left operand as [batch][left][sum].</summary>
    public required Gather LeftGather { get; init; }

    /// <summary>Right operand as [batch][sum][right].</summary>
    public required Gather RightGather { get; init; }

    /// <summary>Multiply-adds of this step.</summary>
    public double Flops => (double)BatchSize * LeftSize * RightSize * SumSize;

    /// <summary>Elements of the result.</summary>
    public int ResultLength => BatchSize * LeftSize * RightSize;
}
