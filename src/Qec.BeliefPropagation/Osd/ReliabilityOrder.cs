namespace Qec.BeliefPropagation.Osd;

/// <summary>
/// Orders columns by BP's posterior LLR, smallest first (likeliest flipped first, as ldpc's
/// soft_decision_col_sort), ties by index so the order is a total one and every run gives the same.
/// </summary>
internal readonly struct ReliabilityOrder(double[] posteriors) : IComparer<int>
{
    public int Compare(int a, int b)
    {
        int byLlr = posteriors[a].CompareTo(posteriors[b]);
        return byLlr != 0 ? byLlr : a.CompareTo(b);
    }
}
