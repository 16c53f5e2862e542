using System.Globalization;

namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// What a contraction order costs: multiply-adds over all steps, the largest intermediate tensor and all
/// intermediates together (elements). Reported before anything is contracted.
/// </summary>
/// <param name="Flops">Multiply-adds of all pairwise contractions.</param>
/// <param name="LargestIntermediate">Elements of the largest tensor formed.</param>
/// <param name="TotalIntermediate">Elements of all tensors formed (the workspace one executor keeps).</param>
/// <param name="Steps">Pairwise contractions.</param>
public readonly record struct ContractionCost(double Flops, double LargestIntermediate, double TotalIntermediate, int Steps)
{
    /// <summary>e.g. "2^20.3 flops, largest intermediate 2^12 elements, 153 steps".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"2^{Math.Log2(Math.Max(1, Flops)):0.#} flops, largest intermediate 2^{Math.Log2(Math.Max(1, LargestIntermediate)):0.#} elements, workspace 2^{Math.Log2(Math.Max(1, TotalIntermediate)):0.#} elements, {Steps} steps");

    /// <summary>
    /// The cost of pairwise steps (multiply-adds, result elements) followed by the final gather of the last
    /// tensor (<paramref name="lastSize"/> elements read) into the result (<paramref name="resultSize"/> elements).
    /// </summary>
    internal static ContractionCost Of(IEnumerable<(double Flops, double ResultLength)> steps, double lastSize, double resultSize, int count)
    {
        ArgumentNullException.ThrowIfNull(steps);
        double flops = 0, largest = 0, total = 0;
        foreach (var (stepFlops, length) in steps)
        {
            flops += stepFlops;
            largest = Math.Max(largest, length);
            total += length;
        }
        return new ContractionCost(flops + lastSize, Math.Max(largest, resultSize), total + resultSize, count);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/>, this cost and the limits when either is exceeded.</summary>
    public void EnsureWithin(ContractionLimits limits, string what)
    {
        if (Flops > limits.MaxFlops || TotalIntermediate > limits.MaxElements)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: contracting it needs {this}; the limit is 2^{Math.Log2(limits.MaxFlops):0.#} flops and 2^{Math.Log2(limits.MaxElements):0.#} elements of workspace"));
        }
    }
}

/// <summary>Largest contraction a caller accepts.</summary>
/// <param name="MaxFlops">Multiply-adds.</param>
/// <param name="MaxElements">Elements of workspace (all intermediates).</param>
public readonly record struct ContractionLimits(double MaxFlops, double MaxElements)
{
    /// <summary>2^32 flops and 2^26 elements (512 MiB of doubles): a few seconds on one core at worst.</summary>
    public static ContractionLimits Default => new(Math.Pow(2, 32), Math.Pow(2, 26));
}
