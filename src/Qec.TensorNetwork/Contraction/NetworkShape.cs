namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// The structure of a tensor network, without values: the index labels of each tensor, the dimension
/// of each label, and the open labels the result keeps (in this order). A label may appear in any
/// number of tensors (a hyperedge: a variable shared by several factors); it is summed once no
/// remaining tensor but the ones being contracted holds it and it is not open.
/// </summary>
public sealed class NetworkShape
{
    /// <summary>Validates and stores a network's structure; throws <see cref="ArgumentException"/> naming the inconsistency.</summary>
    public NetworkShape(IReadOnlyList<int[]> tensorIndices, IReadOnlyDictionary<int, int> dimensions, IReadOnlyList<int> openIndices)
    {
        ArgumentNullException.ThrowIfNull(tensorIndices);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(openIndices);
        if (tensorIndices.Count == 0)
        {
            throw new ArgumentException("a network needs at least one tensor");
        }
        var seen = new HashSet<int>();
        for (int t = 0; t < tensorIndices.Count; t++)
        {
            if (tensorIndices[t].Distinct().Count() != tensorIndices[t].Length)
            {
                throw new ArgumentException($"tensor {t} names an index twice: {string.Join(", ", tensorIndices[t])}");
            }
            foreach (int label in tensorIndices[t])
            {
                if (!dimensions.TryGetValue(label, out int dim) || dim < 1)
                {
                    throw new ArgumentException($"tensor {t}: index {label} has no positive dimension");
                }
                seen.Add(label);
            }
        }
        foreach (int label in openIndices)
        {
            if (!seen.Contains(label))
            {
                throw new ArgumentException($"open index {label} is on no tensor");
            }
        }
        if (openIndices.Distinct().Count() != openIndices.Count)
        {
            throw new ArgumentException("an open index is named twice");
        }
        TensorIndices = tensorIndices;
        Dimensions = dimensions;
        OpenIndices = openIndices;
    }

    /// <summary>Index labels of each tensor.</summary>
    public IReadOnlyList<int[]> TensorIndices { get; }

    /// <summary>Dimension of each label.</summary>
    public IReadOnlyDictionary<int, int> Dimensions { get; }

    /// <summary>Labels the result keeps, in result order.</summary>
    public IReadOnlyList<int> OpenIndices { get; }

    /// <summary>Number of input tensors.</summary>
    public int Count => TensorIndices.Count;

    /// <summary>Elements of a tensor over <paramref name="indices"/>.</summary>
    public double Size(IEnumerable<int> indices)
    {
        double size = 1;
        foreach (int label in indices)
        {
            size *= Dimensions[label];
        }
        return size;
    }
}
