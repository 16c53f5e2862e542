using Qec.StatMech.Models;

namespace Qec.StatMech.Hopfield;

/// <summary>How a retrieval run ended.</summary>
/// <param name="Spins">The final configuration.</param>
/// <param name="Sweeps">Sweeps run.</param>
/// <param name="Converged">T = 0: a sweep flipped nothing (a fixed point of the dynamics); T &gt; 0: always false.</param>
public readonly record struct RetrievalResult(sbyte[] Spins, int Sweeps, bool Converged);

/// <summary>
/// Retrieval dynamics on any Ising model. Asynchronous (T = 0): spins visited in a fresh random order each sweep,
/// s_i ← sign(H_i) (H_i = 0 keeps s_i), which never raises E, so it stops at a local minimum. Glauber (T &gt; 0):
/// s_i ← +1 with probability (1 + tanh(H_i/T))/2. The local fields H_i are kept and updated on each flip in
/// O(degree), so a sweep without flips costs O(n).
/// </summary>
public static class HopfieldDynamics
{
    /// <summary>Runs from <paramref name="start"/> (copied) at temperature <paramref name="temperature"/> for at most
    /// <paramref name="maxSweeps"/> sweeps (T = 0 stops earlier at a fixed point).</summary>
    public static RetrievalResult Run(IsingModel model, ReadOnlySpan<sbyte> start, double temperature, int maxSweeps, Random random)
    {
        if (start.Length != model.Size) throw new ArgumentException($"a start of {start.Length} spins for a model of {model.Size}", nameof(start));
        if (!(temperature >= 0) || !double.IsFinite(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "T must be finite and ≥ 0");
        var n = model.Size;
        var spins = start.ToArray();
        var fields = new double[n];
        for (var i = 0; i < n; i++) fields[i] = model.LocalField(i, spins);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var sweep = 1; sweep <= maxSweeps; sweep++)
        {
            random.Shuffle(order);
            var flips = 0;
            foreach (var i in order)
            {
                var next = temperature == 0
                    ? fields[i] > 0 ? (sbyte)1 : fields[i] < 0 ? (sbyte)-1 : spins[i]
                    : random.NextDouble() < 0.5 * (1 + Math.Tanh(fields[i] / temperature)) ? (sbyte)1 : (sbyte)-1;
                if (next == spins[i]) continue;
                spins[i] = next;
                flips++;
                var neighbors = model.NeighborsOf(i);
                var couplings = model.CouplingsOf(i);
                for (var k = 0; k < neighbors.Length; k++) fields[neighbors[k]] += 2 * couplings[k] * next;
            }
            if (temperature == 0 && flips == 0) return new RetrievalResult(spins, sweep, true);
        }
        return new RetrievalResult(spins, maxSweeps, false);
    }
}
