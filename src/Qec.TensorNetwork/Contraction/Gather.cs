namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// A precomputed rearrangement of a tensor's elements: output element k is the sum of the input elements
/// at <c>Offsets[k·Fold … k·Fold + Fold − 1]</c>. It permutes axes into the order a matrix product wants
/// and, with <see cref="Fold"/> &gt; 1, sums out axes no other tensor needs.
/// </summary>
internal sealed class Gather
{
    private Gather(int[] offsets, int fold)
    {
        Offsets = offsets;
        Fold = fold;
    }

    /// <summary>Input offsets, <see cref="Fold"/> per output element.</summary>
    public int[] Offsets { get; }

    /// <summary>Input elements summed into each output element.</summary>
    public int Fold { get; }

    /// <summary>Output elements.</summary>
    public int Length => Offsets.Length / Fold;

    /// <summary>
    /// The gather from a tensor over <paramref name="from"/> (row-major) to one over <paramref name="to"/>
    /// (row-major), summing the labels of <paramref name="from"/> missing from <paramref name="to"/>.
    /// </summary>
    public static Gather Create(int[] from, int[] to, IReadOnlyDictionary<int, int> dims)
    {
        var stride = new Dictionary<int, int>();
        int s = 1;
        for (int k = from.Length - 1; k >= 0; k--)
        {
            stride[from[k]] = s;
            s *= dims[from[k]];
        }
        var summed = from.Where(l => Array.IndexOf(to, l) < 0).ToArray();
        int[] order = [.. to, .. summed];  // output axes, then the summed ones (fastest)
        int total = s, fold = 1;
        foreach (int l in summed)
        {
            fold *= dims[l];
        }
        var offsets = new int[total];
        var position = new int[order.Length];
        for (int k = 0; k < total; k++)
        {
            int offset = 0;
            for (int a = 0; a < order.Length; a++)
            {
                offset += position[a] * stride[order[a]];
            }
            offsets[k] = offset;
            for (int a = order.Length - 1; a >= 0 && ++position[a] == dims[order[a]]; a--)
            {
                position[a] = 0;
            }
        }
        return new Gather(offsets, fold);
    }
}
