using System.Numerics.Tensors;

namespace Qec.StatMech.Exact;

/// <summary>
/// Σ w, Σ wE, Σ wE² per β over blocks of energies, with w = exp(−βE − shift). Each block is summed in bulk
/// (vectorised exp and dot products) relative to its own largest −βE, so every weight in it lies in (0, 1]; the block
/// sums are then folded into running sums whose shift is raised (and the sums rescaled) whenever a block brings a
/// larger one. Nothing overflows at any β.
/// </summary>
internal sealed class BoltzmannSums
{
    private readonly double[] _betas;
    private readonly double[] _shift;
    private readonly double[] _weight;
    private readonly double[] _energy;
    private readonly double[] _energySquared;
    private double[] _scratch = [];
    private double[] _scratch2 = [];

    public BoltzmannSums(double[] betas)
    {
        _betas = betas;
        _shift = new double[betas.Length];
        Array.Fill(_shift, double.NegativeInfinity);
        _weight = new double[betas.Length];
        _energy = new double[betas.Length];
        _energySquared = new double[betas.Length];
    }

    /// <summary>Adds every energy of <paramref name="energies"/> at every β.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> energies)
    {
        if (_scratch.Length < energies.Length)
        {
            _scratch = new double[energies.Length];
            _scratch2 = new double[energies.Length];
        }
        var weights = _scratch.AsSpan(0, energies.Length);
        var weighted = _scratch2.AsSpan(0, energies.Length);
        double min = TensorPrimitives.Min(energies), max = TensorPrimitives.Max(energies);
        for (var b = 0; b < _betas.Length; b++)
        {
            var beta = _betas[b];
            // The largest −βE of the block: at the lowest energy for β ≥ 0, the highest for β < 0.
            var shift = -beta * (beta >= 0 ? min : max);
            TensorPrimitives.Multiply(energies, -beta, weights);
            TensorPrimitives.Add(weights, -shift, weights);
            TensorPrimitives.Exp(weights, weights);
            TensorPrimitives.Multiply(weights, energies, weighted);
            Fold(b, shift, TensorPrimitives.Sum(weights), TensorPrimitives.Sum(weighted), TensorPrimitives.Dot(weighted, energies));
        }
    }

    /// <summary>Adds another accumulator's sums (same β list).</summary>
    public void Merge(BoltzmannSums other)
    {
        for (var b = 0; b < _betas.Length; b++)
            if (!double.IsNegativeInfinity(other._shift[b]))
                Fold(b, other._shift[b], other._weight[b], other._energy[b], other._energySquared[b]);
    }

    /// <summary>ln Z, ⟨E⟩ and Var E at β number <paramref name="b"/>.</summary>
    public Thermodynamics Result(int b)
    {
        var mean = _energy[b] / _weight[b];
        var variance = Math.Max(0, _energySquared[b] / _weight[b] - mean * mean);
        return new Thermodynamics(_betas[b], _shift[b] + Math.Log(_weight[b]), mean, variance);
    }

    private void Fold(int b, double shift, double weight, double energy, double energySquared)
    {
        if (shift > _shift[b])
        {
            var down = double.IsNegativeInfinity(_shift[b]) ? 0 : Math.Exp(_shift[b] - shift);
            _weight[b] *= down;
            _energy[b] *= down;
            _energySquared[b] *= down;
            _shift[b] = shift;
        }
        var factor = Math.Exp(shift - _shift[b]);
        _weight[b] += factor * weight;
        _energy[b] += factor * energy;
        _energySquared[b] += factor * energySquared;
    }
}
