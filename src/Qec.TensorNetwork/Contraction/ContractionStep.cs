namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// One pairwise contraction C[b, l, r] = Σ_s A[b, l, s] · B[b, s, r]: b the labels both keep (a hyperedge
/// still needed elsewhere, or open), l and r the labels only one side keeps, s the labels summed here.
/// Labels only one side holds and nobody else needs are summed inside the gathers. Sizes are doubles so
/// that a plan too large to run can still be costed and refused.
/// </summary>
internal sealed class ContractionStep
{
    private Gather? _leftGather, _rightGather;

    public required int Left { get; init; }

    public required int Right { get; init; }

    public required int Result { get; init; }

    /// <summary>Labels of the left operand, right operand and result (batch, then left-only, then right-only).</summary>
    public required int[] LeftIndices { get; init; }

    public required int[] RightIndices { get; init; }

    public required int[] ResultIndices { get; init; }

    /// <summary>Label groups: kept by both, summed here (on both), kept by one side only.</summary>
    public required int[] Batch { get; init; }

    public required int[] Summed { get; init; }

    public required int[] LeftOnly { get; init; }

    public required int[] RightOnly { get; init; }

    public required double BatchSize { get; init; }

    public required double LeftSize { get; init; }

    public required double RightSize { get; init; }

    public required double SumSize { get; init; }

    /// <summary>Multiply-adds of this step.</summary>
    public double Flops => BatchSize * LeftSize * RightSize * SumSize;

    /// <summary>Elements of the result.</summary>
    public double ResultLength => BatchSize * LeftSize * RightSize;

    /// <summary>Left operand as [batch][left][sum] (built on first use).</summary>
    public Gather LeftGather(IReadOnlyDictionary<int, int> dims) => _leftGather ??= Gather.Create(LeftIndices, [.. Batch, .. LeftOnly, .. Summed], dims);

    /// <summary>Right operand as [batch][sum][right] (built on first use).</summary>
    public Gather RightGather(IReadOnlyDictionary<int, int> dims) => _rightGather ??= Gather.Create(RightIndices, [.. Batch, .. Summed, .. RightOnly], dims);
}
