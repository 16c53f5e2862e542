using System.Numerics;
using System.Numerics.Tensors;
using Qec.Core.Sampling;
using Qec.Generative.Parameters;

namespace Qec.Generative.Layers;

/// <summary>
/// A masked dense layer with an optional unmasked binary condition:
/// y_k = b_k + Σ_{j &lt; len_k} W[k, j] x_j + Σ_{j : c_j = 1} V[j, k].
/// The mask of row k is the prefix [0, len_k) (<see cref="MadeMasks"/>); weights outside it are zero and stay
/// zero (their gradient is never written). V is stored condition-major, [condition, outputs], so a sparse binary
/// condition (a syndrome) costs one vector add per set bit, once per sample.
/// </summary>
internal sealed class MaskedDense<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _weightIndex, _biasIndex, _conditionIndex;
    private readonly T[] _weight, _bias, _condition;
    private readonly int[] _rowLength;

    /// <summary>Registers "{name}.weight" [outputs, inputs], "{name}.bias" [outputs] and, when
    /// <paramref name="conditionSize"/> &gt; 0, "{name}.condition" [conditionSize, outputs] in <paramref name="parameters"/>.</summary>
    public MaskedDense(ParameterSet<T> parameters, string name, int inputs, int[] rowLength, int conditionSize)
    {
        Inputs = inputs;
        Outputs = rowLength.Length;
        ConditionSize = conditionSize;
        _rowLength = rowLength;
        _weightIndex = parameters.Add(name + ".weight", Outputs, inputs);
        _biasIndex = parameters.Add(name + ".bias", Outputs);
        _conditionIndex = conditionSize > 0 ? parameters.Add(name + ".condition", conditionSize, Outputs) : -1;
        _weight = parameters[_weightIndex].Data;
        _bias = parameters[_biasIndex].Data;
        _condition = conditionSize > 0 ? parameters[_conditionIndex].Data : [];
    }

    /// <summary>Number of inputs x.</summary>
    public int Inputs { get; }

    /// <summary>Number of outputs y.</summary>
    public int Outputs { get; }

    /// <summary>Number of condition bits c (0: unconditioned).</summary>
    public int ConditionSize { get; }

    /// <summary>len_k: row k sees inputs [0, len_k).</summary>
    public ReadOnlySpan<int> RowLength => _rowLength;

    /// <summary>Uniform(−a, a) weights with a = 1/√(len_k + conditionSize) inside the mask, zero bias.</summary>
    public void Initialize(ref Xoshiro256StarStar rng)
    {
        Array.Clear(_weight);
        Array.Clear(_bias);
        for (int k = 0; k < Outputs; k++)
        {
            double a = 1.0 / Math.Sqrt(Math.Max(1, _rowLength[k] + ConditionSize));
            var row = _weight.AsSpan(k * Inputs, _rowLength[k]);
            for (int j = 0; j < row.Length; j++) row[j] = T.CreateTruncating((2 * rng.NextDouble() - 1) * a);
            for (int j = 0; j < ConditionSize; j++)
                _condition[j * Outputs + k] = T.CreateTruncating((2 * rng.NextDouble() - 1) * a);
        }
    }

    /// <summary>conditionSum = Σ_{j : c_j ≠ 0} V[j, ·]: the condition's share of every output, computed once per sample.</summary>
    public void Condition(ReadOnlySpan<byte> condition, Span<T> conditionSum)
    {
        conditionSum.Clear();
        for (int j = 0; j < ConditionSize; j++)
        {
            if (condition[j] != 0) TensorPrimitives.Add(conditionSum, _condition.AsSpan(j * Outputs, Outputs), conditionSum);
        }
    }

    /// <summary>y_k for one row; <paramref name="conditionSum"/> is empty when unconditioned.</summary>
    public T Row(int k, ReadOnlySpan<T> x, ReadOnlySpan<T> conditionSum)
    {
        int len = _rowLength[k];
        T y = _bias[k] + TensorPrimitives.Dot<T>(_weight.AsSpan(k * Inputs, len), x[..len]);
        return conditionSum.IsEmpty ? y : y + conditionSum[k];
    }

    /// <summary>
    /// Back-propagates dL/dy: accumulates dW, db, dV into <paramref name="gradient"/> and, unless
    /// <paramref name="dx"/> is empty, adds Wᵀ dy into <paramref name="dx"/> (the caller clears it first).
    /// </summary>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<byte> condition, ReadOnlySpan<T> dy, ParameterSet<T> gradient, Span<T> dx)
    {
        var dWeight = gradient[_weightIndex].Data.AsSpan();
        TensorPrimitives.Add(gradient[_biasIndex].Data, dy, gradient[_biasIndex].Data);
        for (int k = 0; k < Outputs; k++)
        {
            T g = dy[k];
            int len = _rowLength[k];
            if (g == T.Zero || len == 0) continue;
            var dRow = dWeight.Slice(k * Inputs, len);
            TensorPrimitives.MultiplyAdd(x[..len], g, dRow, dRow);
            if (!dx.IsEmpty) TensorPrimitives.MultiplyAdd(_weight.AsSpan(k * Inputs, len), g, dx[..len], dx[..len]);
        }
        if (ConditionSize == 0) return;
        var dCondition = gradient[_conditionIndex].Data.AsSpan();
        for (int j = 0; j < ConditionSize; j++)
        {
            if (condition[j] != 0)
            {
                var dRow = dCondition.Slice(j * Outputs, Outputs);
                TensorPrimitives.Add(dRow, dy, dRow);
            }
        }
    }
}
