using System.Numerics;

namespace Qec.Generative.Parameters;

/// <summary>
/// One named parameter array of a model (or a gradient or optimizer moment shaped like it): row-major
/// <see cref="Data"/> of length Π <see cref="Shape"/>. The array is allocated once and never replaced, so
/// layers may keep a reference to it; loading and optimizer steps write into it in place.
/// </summary>
public sealed class ParameterTensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero tensor of the given name and shape (every dimension ≥ 0).</summary>
    public ParameterTensor(string name, int[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) throw new ArgumentOutOfRangeException(nameof(shape), dim, $"tensor '{name}' has a negative dimension");
            count *= dim;
        }
        if (count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(shape), count, $"tensor '{name}' is too large");
        Name = name;
        Shape = (int[])shape.Clone();
        Data = new T[count];
    }

    /// <summary>The name under which the tensor is saved, e.g. "hidden0.weight".</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first (a weight matrix is [outputs, inputs]).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values, row-major. Same array for the tensor's whole life.</summary>
    public T[] Data { get; }

    /// <summary>The shape written like "[128, 50]", for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
