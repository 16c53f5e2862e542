namespace Qec.TensorNetwork.Decoding.Pruned;

/// <summary>Order statistics in place (Hoare's quickselect, median-of-three pivots).</summary>
internal static class Selection
{
    /// <summary>The k-th largest value (k ≥ 1) of <paramref name="values"/>, which it reorders.</summary>
    public static double KthLargest(Span<double> values, int k)
    {
        if (k < 1 || k > values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} for {values.Length} values");
        }
        // The k-th largest is the (n − k)-th smallest (0-based).
        int target = values.Length - k, lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            double pivot = Median(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            // Invariant after the loop: values[lo..j] ≤ pivot ≤ values[i..hi], and j < i.
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (target <= j)
            {
                hi = j;
            }
            else if (target >= i)
            {
                lo = i;
            }
            else
            {
                return values[target];  // between j and i: all equal to the pivot
            }
        }
        return values[target];
    }

    private static double Median(double a, double b, double c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
