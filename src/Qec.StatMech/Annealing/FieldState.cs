using Qec.Core.Sampling;
using Qec.StatMech.Models;

namespace Qec.StatMech.Annealing;

/// <summary>
/// Spins with their local fields h_i = Σ_j J_ij s_j + h_i kept current, so ΔE = 2 s_i h_i costs O(1) and an accepted
/// flip O(degree). The energy is carried along; <see cref="Recount"/> restores it from scratch.
/// </summary>
internal sealed class FieldState
{
    private readonly IsingModel _model;

    public FieldState(IsingModel model, ref Xoshiro256StarStar rng)
    {
        _model = model;
        Spins = new sbyte[model.Size];
        Fields = new double[model.Size];
        for (var i = 0; i < Spins.Length; i++) Spins[i] = (rng.NextUInt64() >> 63) == 0 ? (sbyte)1 : (sbyte)-1;
        Recount();
    }

    public sbyte[] Spins { get; }

    public double[] Fields { get; }

    public double Energy { get; private set; }

    /// <summary>Recomputes the fields and the energy.</summary>
    public void Recount()
    {
        for (var i = 0; i < Spins.Length; i++) Fields[i] = _model.LocalField(i, Spins);
        Energy = _model.Energy(Spins);
    }

    /// <summary>One Metropolis sweep at β in index order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Sweep(double beta, ref Xoshiro256StarStar rng)
    {
        for (var i = 0; i < Spins.Length; i++)
        {
            var delta = 2 * Spins[i] * Fields[i];
            if (delta <= 0 || rng.NextDouble() < Math.Exp(-beta * delta)) Flip(i, delta);
        }
    }

    /// <summary>Zero-temperature descent: flips any spin that lowers E until none does (a local minimum).</summary>
    public void Quench()
    {
        bool improved;
        do
        {
            improved = false;
            for (var i = 0; i < Spins.Length; i++)
            {
                var delta = 2 * Spins[i] * Fields[i];
                if (delta >= -1e-12) continue;
                Flip(i, delta);
                improved = true;
            }
        }
        while (improved);
    }

    /// <summary>Copies spins, fields and energy from <paramref name="other"/>.</summary>
    public void CopyFrom(FieldState other)
    {
        other.Spins.CopyTo(Spins, 0);
        other.Fields.CopyTo(Fields, 0);
        Energy = other.Energy;
    }

    private void Flip(int i, double delta)
    {
        var flipped = Spins[i] = (sbyte)-Spins[i];
        Energy += delta;
        var neighbors = _model.NeighborsOf(i);
        var couplings = _model.CouplingsOf(i);
        for (var e = 0; e < neighbors.Length; e++) Fields[neighbors[e]] += 2 * couplings[e] * flipped;
    }
}
