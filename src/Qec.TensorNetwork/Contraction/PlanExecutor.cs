using System.Numerics;
using Qec.TensorNetwork.Tensors;

namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// Contracts networks along one <see cref="ContractionPlan"/>, reusing its workspace (no allocation per
/// contraction after the first). After every step the result is divided by its largest magnitude and
/// the logarithm of that factor added to the step's log scale, so values stay near 1 however many
/// small probabilities are multiplied. Not thread-safe.
/// </summary>
/// <typeparam name="T">double or <see cref="Complex"/>.</typeparam>
public sealed class PlanExecutor<T>
    where T : INumberBase<T>
{
    private readonly ContractionPlan _plan;
    private readonly T[][] _nodes;
    private readonly double[] _logScales;
    private readonly T[] _left, _right, _result;

    internal PlanExecutor(ContractionPlan plan)
    {
        _plan = plan;
        _nodes = new T[plan.NodeIndices.Count][];
        _logScales = new double[plan.NodeIndices.Count];
        int maxLeft = 1, maxRight = 1;
        var dims = plan.Shape.Dimensions;
        foreach (var step in plan.Steps)
        {
            _nodes[step.Result] = new T[(int)step.ResultLength];
            maxLeft = Math.Max(maxLeft, step.LeftGather(dims).Length);
            maxRight = Math.Max(maxRight, step.RightGather(dims).Length);
        }
        _left = new T[maxLeft];
        _right = new T[maxRight];
        _result = new T[plan.Final.Length];
    }

    /// <summary>
    /// Contracts the network whose input tensors hold <paramref name="inputs"/> (row-major over the shape's
    /// labels for that tensor; not modified) and returns the result over the open labels, in their
    /// order, with its log scale. The returned array is this executor's: read it before the next call.
    /// </summary>
    public (T[] Values, double LogScale) Contract(IReadOnlyList<T[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != _plan.Shape.Count)
        {
            throw new ArgumentException($"the network has {_plan.Shape.Count} tensors, got {inputs.Count}");
        }
        for (int t = 0; t < inputs.Count; t++)
        {
            _nodes[t] = inputs[t];
            _logScales[t] = 0;
        }
        var dims = _plan.Shape.Dimensions;
        foreach (var step in _plan.Steps)
        {
            Apply(step.LeftGather(dims), _nodes[step.Left], _left);
            Apply(step.RightGather(dims), _nodes[step.Right], _right);
            var c = _nodes[step.Result];
            Multiply(step, c);
            _logScales[step.Result] = _logScales[step.Left] + _logScales[step.Right] + Normalize(c, c.Length);
        }
        Apply(_plan.Final, _nodes[_plan.LastNode], _result);
        double logScale = _logScales[_plan.LastNode] + Normalize(_result, _result.Length);
        return (_result, logScale);
    }

    /// <summary>Contracts <see cref="Tensor{T}"/> inputs (labels must match the shape's, in order) into a tensor over the open labels.</summary>
    public Tensor<T> Contract(IReadOnlyList<Tensor<T>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var data = new T[tensors.Count][];
        double inputScale = 0;
        for (int t = 0; t < tensors.Count; t++)
        {
            if (!tensors[t].Indices.SequenceEqual(_plan.Shape.TensorIndices[t]))
            {
                throw new ArgumentException($"tensor {t} has indices {string.Join(", ", tensors[t].Indices)}, the plan expects {string.Join(", ", _plan.Shape.TensorIndices[t])}");
            }
            data[t] = tensors[t].Data;
            inputScale += tensors[t].LogScale;
        }
        var (values, logScale) = Contract(data);
        var open = _plan.Shape.OpenIndices.ToArray();
        return new Tensor<T>(open, [.. open.Select(l => _plan.Shape.Dimensions[l])], values.ToArray(), logScale + inputScale);
    }

    private static void Apply(Gather gather, T[] source, T[] target)
    {
        var offsets = gather.Offsets;
        int fold = gather.Fold, n = gather.Length;
        if (fold == 1)
        {
            for (int k = 0; k < n; k++)
            {
                target[k] = source[offsets[k]];
            }
            return;
        }
        for (int k = 0, o = 0; k < n; k++)
        {
            T sum = T.Zero;
            for (int f = 0; f < fold; f++, o++)
            {
                sum += source[offsets[o]];
            }
            target[k] = sum;
        }
    }

    /// <summary>C[b, l, r] = Σ_s A[b, l, s] · B[b, s, r] from the gathered operands.</summary>
    private void Multiply(ContractionStep step, T[] c)
    {
        int nb = (int)step.BatchSize, nl = (int)step.LeftSize, nr = (int)step.RightSize, ns = (int)step.SumSize;
        for (int b = 0; b < nb; b++)
        {
            int aBase = b * nl * ns, bBase = b * ns * nr, cBase = b * nl * nr;
            for (int l = 0; l < nl; l++)
            {
                var row = c.AsSpan(cBase + l * nr, nr);
                row.Clear();
                for (int s = 0; s < ns; s++)
                {
                    T a = _left[aBase + l * ns + s];
                    if (a == T.Zero)
                    {
                        continue;  // parity tensors are mostly zeros
                    }
                    var bRow = _right.AsSpan(bBase + s * nr, nr);
                    for (int r = 0; r < nr; r++)
                    {
                        row[r] += a * bRow[r];
                    }
                }
            }
        }
    }

    /// <summary>Divides the first <paramref name="length"/> values by their largest magnitude; returns its log (0 for all zeros).</summary>
    private static double Normalize(T[] values, int length)
    {
        double max = 0;
        for (int k = 0; k < length; k++)
        {
            max = Math.Max(max, Scalars.Magnitude(values[k]));
        }
        if (max == 0 || max == 1)
        {
            return 0;
        }
        double inverse = 1 / max;
        for (int k = 0; k < length; k++)
        {
            values[k] = Scalars.Scale(values[k], inverse);
        }
        return Math.Log(max);
    }
}
