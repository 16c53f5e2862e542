using System.Numerics;

namespace Qec.TensorNetwork.Tensors;

/// <summary>
/// A dense tensor over labelled indices: element (i_0, …, i_{r−1}) is <c>Data[Σ_k i_k·stride_k]</c> times
/// e^<see cref="LogScale"/>, row-major (the last index varies fastest). Carrying the scale apart keeps long
/// contractions of probabilities (products of thousands of numbers below one) inside double range.
/// </summary>
/// <typeparam name="T">double or <see cref="Complex"/>.</typeparam>
public sealed class Tensor<T>
    where T : INumberBase<T>
{
    /// <summary>A tensor over <paramref name="indices"/> with dimensions <paramref name="dims"/> and row-major <paramref name="data"/>.</summary>
    public Tensor(int[] indices, int[] dims, T[] data, double logScale = 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(data);
        if (indices.Length != dims.Length)
        {
            throw new ArgumentException($"{indices.Length} indices but {dims.Length} dimensions");
        }
        long size = 1;
        foreach (int d in dims)
        {
            size *= d >= 1 ? d : throw new ArgumentException($"dimension {d} is not positive");
        }
        if (size != data.Length)
        {
            throw new ArgumentException($"dimensions {string.Join("×", dims)} need {size} elements, got {data.Length}");
        }
        if (indices.Distinct().Count() != indices.Length)
        {
            throw new ArgumentException($"index labels repeat: {string.Join(", ", indices)}");
        }
        Indices = indices;
        Dims = dims;
        Data = data;
        LogScale = logScale;
    }

    /// <summary>Index labels, one per axis.</summary>
    public int[] Indices { get; }

    /// <summary>Dimension of each axis.</summary>
    public int[] Dims { get; }

    /// <summary>Elements, row-major, before the scale.</summary>
    public T[] Data { get; }

    /// <summary>Every element is multiplied by e^LogScale.</summary>
    public double LogScale { get; }

    /// <summary>The element at one assignment of the axes (before the scale).</summary>
    public T this[params int[] position]
    {
        get
        {
            int offset = 0;
            for (int k = 0; k < Dims.Length; k++)
            {
                offset = offset * Dims[k] + position[k];
            }
            return Data[offset];
        }
    }

    /// <summary>A rank-0 tensor (a number).</summary>
    public static Tensor<T> Scalar(T value, double logScale = 0) => new([], [], [value], logScale);
}
