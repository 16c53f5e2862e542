using System.Numerics;
using Qec.Core.Sampling;
using Qec.Generative.Models;
using Qec.Generative.Parameters;
using Qec.StatMech.Models;

namespace Qec.StatMech.Variational;

/// <summary>
/// One batch of VAN samples and its REINFORCE gradient, split over worker threads in fixed contiguous ranges; each
/// worker has its own model workspace, gradient set and spin buffer, and the gradients are summed in worker order.
/// Bits are the network's 0/1 values in raster order, spins s_i = 2b_i − 1.
/// <para>
/// With <see cref="Z2Mode.PinnedFirstSpin"/> the network sees spins 1…n−1 of the canonical representative (s₀ = +1, the
/// row flipped when s₀ = −1), and ln q_s = ln q' − ln 2.
/// </para>
/// <para>
/// With <see cref="Z2Mode.Symmetrized"/> the distribution is q_s(s) = ½[q(s) + q(−s)]; its score is
/// ∇ ln q_s(s) = π(s) ∇ ln q(s) + (1 − π(s)) ∇ ln q(−s) with π(s) = q(s)/(q(s) + q(−s)), so the gradient of one
/// sample is two weighted network gradients (the one whose share is below 1e-14 is skipped).
/// </para>
/// </summary>
internal sealed class VanBatch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double NegligibleShare = 1e-14;

    private readonly IsingModel _model;
    private readonly IAutoregressiveModel<T> _network;
    private readonly bool _z2;
    private readonly bool _pinned;
    private readonly Worker[] _workers;
    private readonly int _n;

    public VanBatch(IsingModel model, IAutoregressiveModel<T> network, int batch, Z2Mode symmetry, int threads)
    {
        _model = model;
        _network = network;
        _z2 = symmetry == Z2Mode.Symmetrized;
        _pinned = symmetry == Z2Mode.PinnedFirstSpin;
        _n = model.Size;
        Size = batch;
        Bits = new byte[batch * _n];
        LogQ = new double[batch];
        LogQOwn = new double[batch];
        Energy = new double[batch];
        var count = Math.Max(1, Math.Min(batch, threads > 0 ? threads : Environment.ProcessorCount));
        _workers = new Worker[count];
        for (var w = 0; w < count; w++) _workers[w] = new Worker(network, _n);
        Gradient = network.Parameters.CreateZerosLike();
    }

    /// <summary>B, the samples per batch.</summary>
    public int Size { get; }

    /// <summary>The samples, B rows of n bits.</summary>
    public byte[] Bits { get; }

    /// <summary>ln q(s_b) of the trained distribution (q_s with Z2 symmetry).</summary>
    public double[] LogQ { get; }

    /// <summary>With Z2 symmetry: ln q(s_b) of the underlying network (for the score's split); else equal to <see cref="LogQ"/>.</summary>
    public double[] LogQOwn { get; }

    /// <summary>E(s_b).</summary>
    public double[] Energy { get; }

    /// <summary>The summed gradient after <see cref="AccumulateGradient"/>.</summary>
    public ParameterSet<T> Gradient { get; }

    /// <summary>Draws every row; sample b of call <paramref name="stream"/> uses its own generator seeded from
    /// (<paramref name="seed"/>, <paramref name="stream"/>, b).</summary>
    public void Sample(ulong seed, ulong stream) => RunRanges((worker, from, to) =>
    {
        for (var b = from; b < to; b++)
        {
            var rng = new Xoshiro256StarStar(SampleSeed(seed, stream, (ulong)b));
            var bits = Bits.AsSpan(b * _n, _n);
            if (_pinned)
            {
                bits[0] = 1;
                var logPinned = double.CreateTruncating(_network.Sample(bits[1..], [], ref rng, worker.Workspace));
                if (rng.NextDouble() < 0.5)
                {
                    for (var i = 0; i < _n; i++) bits[i] ^= 1;
                }
                Score(worker, b, logPinned, double.NaN);
                continue;
            }
            var logq = double.CreateTruncating(_network.Sample(bits, [], ref rng, worker.Workspace));
            // q_s: the drawn s or −s with probability ½ each.
            var flip = _z2 && rng.NextDouble() < 0.5;
            if (flip)
            {
                for (var i = 0; i < _n; i++) bits[i] ^= 1;
            }
            if (flip) Score(worker, b, double.NaN, logq);
            else Score(worker, b, logq, double.NaN);
        }
    });

    /// <summary>Fills <see cref="LogQ"/>, <see cref="LogQOwn"/> and <see cref="Energy"/> for rows set by the caller in
    /// <see cref="Bits"/> (e.g. every state of a small model, for an exact expectation).</summary>
    public void ScoreRows() => RunRanges((worker, from, to) =>
    {
        for (var b = from; b < to; b++) Score(worker, b, double.NaN, double.NaN);
    });

    /// <summary>Row b's ln q(s), ln q_s(s) and energy; ln q(s) and (with Z2 symmetry) ln q(−s) are computed unless
    /// known (NaN: unknown).</summary>
    private void Score(Worker worker, int b, double logq, double logFlipped)
    {
        var bits = Bits.AsSpan(b * _n, _n);
        if (double.IsNaN(logq)) logq = double.CreateTruncating(_network.LogProbability(NetworkInput(worker, bits), [], worker.Workspace));
        LogQOwn[b] = logq;
        if (_pinned)
        {
            LogQ[b] = logq - Math.Log(2);
        }
        else if (_z2)
        {
            if (double.IsNaN(logFlipped))
            {
                for (var i = 0; i < _n; i++) worker.Flipped[i] = (byte)(bits[i] ^ 1);
                logFlipped = double.CreateTruncating(_network.LogProbability(worker.Flipped, [], worker.Workspace));
            }
            LogQ[b] = LogSumExp(logq, logFlipped) - Math.Log(2);
        }
        else
        {
            LogQ[b] = logq;
        }
        for (var i = 0; i < _n; i++) worker.Spins[i] = bits[i] != 0 ? (sbyte)1 : (sbyte)-1;
        Energy[b] = _model.Energy(worker.Spins);
    }

    /// <summary>Sets <see cref="Gradient"/> to Σ_b weights[b] ∇ ln q(s_b) over the current samples.</summary>
    public void AccumulateGradient(ReadOnlySpan<double> weights)
    {
        var copy = weights.ToArray();
        RunRanges((worker, from, to) =>
        {
            worker.Gradient.Clear();
            for (var b = from; b < to; b++)
            {
                var bits = Bits.AsSpan(b * _n, _n);
                if (!_z2)
                {
                    _network.AccumulateGradient(NetworkInput(worker, bits), [], T.CreateTruncating(copy[b]), worker.Gradient, worker.Workspace);
                    continue;
                }
                // π = q(s)/(q(s) + q(−s)) = exp(ln q(s) − ln 2q_s(s)).
                var share = Math.Exp(LogQOwn[b] - LogQ[b] - Math.Log(2));
                if (share > NegligibleShare)
                    _network.AccumulateGradient(bits, [], T.CreateTruncating(copy[b] * share), worker.Gradient, worker.Workspace);
                if (1 - share > NegligibleShare)
                {
                    for (var i = 0; i < _n; i++) worker.Flipped[i] = (byte)(bits[i] ^ 1);
                    _network.AccumulateGradient(worker.Flipped, [], T.CreateTruncating(copy[b] * (1 - share)), worker.Gradient, worker.Workspace);
                }
            }
        });
        Gradient.Clear();
        foreach (var worker in _workers) Gradient.AddFrom(worker.Gradient);
    }

    /// <summary>The bits the network scores for a row: the row itself, or with a pinned first spin spins 1…n−1 of the
    /// representative with s₀ = +1.</summary>
    private ReadOnlySpan<byte> NetworkInput(Worker worker, ReadOnlySpan<byte> bits)
    {
        if (!_pinned) return bits;
        if (bits[0] != 0) return bits[1..];
        for (var i = 0; i < _n; i++) worker.Flipped[i] = (byte)(bits[i] ^ 1);
        return worker.Flipped.AsSpan(1);
    }

    /// <summary>A 64-bit seed for sample b of stream t: SplitMix64 finalizer over the three words.</summary>
    internal static ulong SampleSeed(ulong seed, ulong stream, ulong b)
    {
        var state = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        var mixed = Xoshiro256StarStar.SplitMix64(ref state);
        state = mixed ^ (b * 0xBF58476D1CE4E5B9UL);
        return Xoshiro256StarStar.SplitMix64(ref state);
    }

    private static double LogSumExp(double a, double b)
    {
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }

    private void RunRanges(Action<Worker, int, int> body)
    {
        var count = _workers.Length;
        if (count == 1)
        {
            body(_workers[0], 0, Size);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count },
            w => body(_workers[w], (int)((long)Size * w / count), (int)((long)Size * (w + 1) / count)));
    }

    private sealed class Worker(IAutoregressiveModel<T> network, int n)
    {
        public ModelWorkspace Workspace { get; } = network.CreateWorkspace();
        public ParameterSet<T> Gradient { get; } = network.Parameters.CreateZerosLike();
        public sbyte[] Spins { get; } = new sbyte[n];
        public byte[] Flipped { get; } = new byte[n];
    }
}
