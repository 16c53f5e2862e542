using System.Numerics;
using Qec.StatMech.Models;

namespace Qec.StatMech.Exact;

/// <summary>ln Z, ⟨E⟩ and Var E of a model at one β, from exact enumeration.</summary>
/// <param name="Beta">Inverse temperature β.</param>
/// <param name="LogPartition">ln Z = ln Σ_s exp(−βE(s)).</param>
/// <param name="MeanEnergy">⟨E⟩.</param>
/// <param name="EnergyVariance">⟨E²⟩ − ⟨E⟩²; the specific heat is β² Var E.</param>
public readonly record struct Thermodynamics(double Beta, double LogPartition, double MeanEnergy, double EnergyVariance)
{
    /// <summary>Free energy per spin f = −ln Z / (βn).</summary>
    public double FreeEnergyPerSpin(int size) => -LogPartition / (Beta * size);

    /// <summary>Entropy S = ln Z + β⟨E⟩ (in units of k_B).</summary>
    public double Entropy => LogPartition + Beta * MeanEnergy;

    /// <summary>Specific heat C = β² Var E (whole system).</summary>
    public double SpecificHeat => Beta * Beta * EnergyVariance;
}

/// <summary>Magnetizations ⟨s_i⟩ and correlations ⟨s_i s_j⟩ at one β, from exact enumeration.</summary>
/// <param name="LogPartition">ln Z.</param>
/// <param name="Magnetizations">⟨s_i⟩.</param>
/// <param name="Correlations">⟨s_i s_j⟩ (symmetric, ones on the diagonal).</param>
public sealed record Moments(double LogPartition, double[] Magnetizations, double[,] Correlations);

/// <summary>
/// Exact sums over all 2^n configurations. The lower n − k spins run in Gray-code order, so each step flips one spin
/// and updates the energy and the local fields in O(degree); the top k spins pick one of 2^k independent chunks
/// that threads share, each starting from an energy computed afresh (so rounding never accumulates over more than
/// one chunk). Spin i is +1 when bit i of the state is 0.
/// </summary>
public static class ExactEnumeration
{
    /// <summary>The most spins enumeration accepts (2^30 states).</summary>
    public const int MaxSpins = 30;

    private const int ChunkBits = 16;

    /// <summary>ln Z, ⟨E⟩ and Var E at every β in <paramref name="betas"/>, in one pass over the states.</summary>
    /// <param name="model">The model; at most <see cref="MaxSpins"/> spins.</param>
    /// <param name="betas">Inverse temperatures (finite; any sign).</param>
    /// <param name="threads">Worker threads; 0 = every core.</param>
    public static Thermodynamics[] Solve(IsingModel model, ReadOnlySpan<double> betas, int threads = 0)
    {
        CheckSize(model);
        var betaArray = betas.ToArray();
        foreach (var beta in betaArray)
            if (!double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(betas), beta, "β must be finite");
        var energies = new GrayCodeEnergies(model);
        var partial = ForEachChunk(energies, threads, () => new BoltzmannSums(betaArray), (sums, block, _) => sums.Add(block),
            (into, from) => into.Merge(from));
        var result = new Thermodynamics[betaArray.Length];
        for (var b = 0; b < betaArray.Length; b++) result[b] = partial.Result(b);
        return result;
    }

    /// <summary>ln Z at one β.</summary>
    public static double LogPartition(IsingModel model, double beta, int threads = 0) =>
        Solve(model, [beta], threads)[0].LogPartition;

    /// <summary>⟨s_i⟩ and ⟨s_i s_j⟩ at β: a first pass for ln Z, a second with normalized weights.</summary>
    public static Moments Moments(IsingModel model, double beta, int threads = 0)
    {
        var logZ = LogPartition(model, beta, threads);
        var n = model.Size;
        var sums = RunChunks(model, threads, () => new double[n + n * n], (acc, energy, state) =>
        {
            var weight = Math.Exp(-beta * energy - logZ);
            for (var i = 0; i < n; i++)
            {
                var si = ((state >> i) & 1) == 0 ? weight : -weight;
                acc[i] += si;
                var row = n + i * n;
                for (var j = i + 1; j < n; j++) acc[row + j] += ((state >> j) & 1) == 0 ? si : -si;
            }
        }, (into, from) =>
        {
            for (var k = 0; k < into.Length; k++) into[k] += from[k];
        });
        var magnetizations = sums[..n];
        var correlations = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            correlations[i, i] = 1;
            for (var j = i + 1; j < n; j++) correlations[i, j] = correlations[j, i] = sums[n + i * n + j];
        }
        return new Moments(logZ, magnetizations, correlations);
    }

    /// <summary>The density of states g(E): how many configurations have each energy, energies rounded to 1e-9.</summary>
    public static SortedDictionary<double, long> DensityOfStates(IsingModel model, int threads = 0)
    {
        CheckSize(model);
        var counts = ForEachChunk(new GrayCodeEnergies(model), threads, () => new Dictionary<double, long>(), (acc, block, _) =>
        {
            foreach (var energy in block)
            {
                var key = Math.Round(energy * 1e9) / 1e9;
                acc[key] = acc.GetValueOrDefault(key) + 1;
            }
        }, (into, from) =>
        {
            foreach (var (energy, count) in from) into[energy] = into.GetValueOrDefault(energy) + count;
        });
        return new SortedDictionary<double, long>(counts);
    }

    /// <summary>The lowest energy and one state that has it (bit i set ⇔ s_i = −1; the first in enumeration order).</summary>
    public static (double Energy, long State) GroundState(IsingModel model, int threads = 0)
    {
        CheckSize(model);
        var energies = new GrayCodeEnergies(model);
        var best = ForEachChunk(energies, threads, () => new double[] { double.PositiveInfinity, -1 }, (acc, block, chunk) =>
        {
            var t = System.Numerics.Tensors.TensorPrimitives.IndexOfMin(block);
            if (block[t] < acc[0])
            {
                acc[0] = block[t];
                acc[1] = energies.StateAt(chunk, t);
            }
        }, (into, from) =>
        {
            if (from[0] < into[0]) (into[0], into[1]) = (from[0], from[1]);
        });
        return (best[0], (long)best[1]);
    }

    /// <summary>Hands every chunk's energies (Gray-code order) to <paramref name="visit"/>, chunks shared by
    /// <paramref name="threads"/> workers, each with its own accumulator; accumulators merge in worker order.</summary>
    private static TAcc ForEachChunk<TAcc>(GrayCodeEnergies energies, int threads, Func<TAcc> create,
        Action<TAcc, ReadOnlySpan<double>, long> visit, Action<TAcc, TAcc> merge)
    {
        var chunks = energies.Chunks;
        var workers = (int)Math.Min(chunks, threads > 0 ? threads : Environment.ProcessorCount);
        var accumulators = new TAcc[workers];
        var next = -1L;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var acc = create();
            var workspace = energies.CreateWorkspace();
            var block = new double[energies.ChunkSize];
            long chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                energies.Fill(chunk, workspace, block);
                visit(acc, block, chunk);
            }
            accumulators[w] = acc;
        });
        for (var w = 1; w < workers; w++) merge(accumulators[0], accumulators[w]);
        return accumulators[0];
    }

    private static void CheckSize(IsingModel model)
    {
        if (model.Size > MaxSpins)
            throw new ArgumentOutOfRangeException(nameof(model), model.Size,
                $"exact enumeration takes at most {MaxSpins} spins (2^{MaxSpins} states); {model.Name} has {model.Size}");
    }

    /// <summary>Visits every state once with its energy, chunk by chunk on <paramref name="threads"/> workers, each
    /// accumulating into its own <typeparamref name="TAcc"/>; the accumulators are merged in chunk order at the end.</summary>
    private static TAcc RunChunks<TAcc>(IsingModel model, int threads, Func<TAcc> create, Action<TAcc, double, long> visit,
        Action<TAcc, TAcc> merge)
    {
        CheckSize(model);
        var n = model.Size;
        var lowBits = Math.Min(n, ChunkBits);
        var chunks = 1L << (n - lowBits);
        var workers = (int)Math.Min(chunks, threads > 0 ? threads : Environment.ProcessorCount);
        var accumulators = new TAcc[workers];
        var next = -1L;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var acc = create();
            var spins = new sbyte[n];
            var fields = new double[n];
            long chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks) EnumerateChunk(model, chunk, lowBits, spins, fields, acc, visit);
            accumulators[w] = acc;
        });
        for (var w = 1; w < workers; w++) merge(accumulators[0], accumulators[w]);
        return accumulators[0];
    }

    /// <summary>The 2^lowBits states whose top spins spell <paramref name="chunk"/>, lower spins in Gray-code order.</summary>
    private static void EnumerateChunk<TAcc>(IsingModel model, long chunk, int lowBits, sbyte[] spins, double[] fields, TAcc acc,
        Action<TAcc, double, long> visit)
    {
        var n = model.Size;
        var state = chunk << lowBits;
        for (var i = 0; i < n; i++) spins[i] = ((state >> i) & 1) == 0 ? (sbyte)1 : (sbyte)-1;
        for (var i = 0; i < n; i++) fields[i] = model.LocalField(i, spins);
        var energy = model.Energy(spins);
        visit(acc, energy, state);
        var steps = 1L << lowBits;
        for (var t = 1L; t < steps; t++)
        {
            var k = BitOperations.TrailingZeroCount(t);
            // Flipping s_k changes E by 2 s_k h_k (h_k its local field) and each neighbour's field by 2 J_jk s_k'.
            energy += 2 * spins[k] * fields[k];
            var flipped = spins[k] = (sbyte)-spins[k];
            var neighbors = model.NeighborsOf(k);
            var couplings = model.CouplingsOf(k);
            for (var e = 0; e < neighbors.Length; e++) fields[neighbors[e]] += 2 * couplings[e] * flipped;
            state ^= 1L << k;
            visit(acc, energy, state);
        }
    }
}
