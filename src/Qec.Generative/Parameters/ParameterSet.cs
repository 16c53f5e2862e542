using System.Collections;
using System.Numerics;
using System.Numerics.Tensors;

namespace Qec.Generative.Parameters;

/// <summary>
/// The ordered, named parameter tensors of a model. The same type holds a gradient (see
/// <see cref="CreateZerosLike"/>): tensor k of a gradient belongs to tensor k of the parameters.
/// Not thread-safe; give each thread its own gradient set and <see cref="AddFrom"/> them afterwards.
/// </summary>
public sealed class ParameterSet<T> : IReadOnlyList<ParameterTensor<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<ParameterTensor<T>> _tensors = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>The number of tensors.</summary>
    public int Count => _tensors.Count;

    /// <summary>The total number of scalar values over all tensors.</summary>
    public long ScalarCount
    {
        get
        {
            long total = 0;
            foreach (var t in _tensors) total += t.Data.Length;
            return total;
        }
    }

    /// <summary>Tensor <paramref name="index"/> in insertion order.</summary>
    public ParameterTensor<T> this[int index] => _tensors[index];

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public ParameterTensor<T> this[string name] =>
        _index.TryGetValue(name, out int i) ? _tensors[i] : throw new KeyNotFoundException($"no parameter tensor named '{name}'");

    /// <summary>Whether a tensor of this name exists.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>Adds a zero tensor and returns its index. Names are unique.</summary>
    public int Add(string name, params int[] shape)
    {
        if (_index.ContainsKey(name)) throw new ArgumentException($"parameter tensor '{name}' already exists", nameof(name));
        _index[name] = _tensors.Count;
        _tensors.Add(new ParameterTensor<T>(name, shape));
        return _tensors.Count - 1;
    }

    /// <summary>A set of zero tensors with the same names and shapes, in the same order (e.g. a gradient).</summary>
    public ParameterSet<T> CreateZerosLike()
    {
        var copy = new ParameterSet<T>();
        foreach (var t in _tensors) copy.Add(t.Name, [.. t.Shape]);
        return copy;
    }

    /// <summary>Sets every value to zero.</summary>
    public void Clear()
    {
        foreach (var t in _tensors) Array.Clear(t.Data);
    }

    /// <summary>Copies every value of <paramref name="other"/> (same layout) into this set.</summary>
    public void CopyFrom(ParameterSet<T> other)
    {
        CheckSameLayout(other);
        for (int k = 0; k < _tensors.Count; k++) other._tensors[k].Data.CopyTo(_tensors[k].Data, 0);
    }

    /// <summary>Adds <paramref name="other"/> (same layout) into this set: reduces per-thread gradients.</summary>
    public void AddFrom(ParameterSet<T> other)
    {
        CheckSameLayout(other);
        for (int k = 0; k < _tensors.Count; k++)
            TensorPrimitives.Add(_tensors[k].Data, other._tensors[k].Data, _tensors[k].Data);
    }

    /// <summary>Multiplies every value by <paramref name="factor"/>.</summary>
    public void Scale(T factor)
    {
        foreach (var t in _tensors) TensorPrimitives.Multiply(t.Data, factor, t.Data);
    }

    /// <summary>The global L2 norm sqrt(Σ over all tensors of Σ x²), accumulated in double.</summary>
    public double GlobalNorm()
    {
        double sum = 0;
        foreach (var t in _tensors)
        {
            double n = double.CreateTruncating(TensorPrimitives.Norm<T>(t.Data));
            sum += n * n;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Throws unless <paramref name="other"/> has the same tensor names and shapes in the same order.</summary>
    public void CheckSameLayout(ParameterSet<T> other)
    {
        if (other.Count != Count) throw new ArgumentException($"parameter sets differ: {other.Count} tensors against {Count}", nameof(other));
        for (int k = 0; k < Count; k++)
        {
            var a = _tensors[k];
            var b = other._tensors[k];
            if (a.Name != b.Name || a.Data.Length != b.Data.Length || !a.Shape.SequenceEqual(b.Shape))
                throw new ArgumentException($"parameter sets differ at tensor {k}: '{b.Name}' {b.ShapeText} against '{a.Name}' {a.ShapeText}", nameof(other));
        }
    }

    /// <inheritdoc />
    public IEnumerator<ParameterTensor<T>> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
