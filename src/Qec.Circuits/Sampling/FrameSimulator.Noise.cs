using System.Runtime.CompilerServices;
using Qec.Circuits.Model;

namespace Qec.Circuits.Sampling;

/// <summary>Noise channels: Pauli errors XORed into the frame where a channel fires.</summary>
internal sealed partial class FrameSimulator
{
    /// <summary>Successes drawn per block (<see cref="NoisePool.Draw"/>).</summary>
    private const int HitBlock = 64;

    private readonly long[] _hitTrials = new long[HitBlock];
    private readonly ulong[] _hitWords = new ulong[HitBlock];

    /// <summary>
    /// Samples a channel over its (target or pair) × shot trials with geometric skips at the total
    /// probability of a non-identity Pauli; each success then picks its Pauli from the conditional
    /// distribution (uniform over 3 for DEPOLARIZE1, over 15 for DEPOLARIZE2, weights px : py : pz
    /// for PAULI_CHANNEL_1). Trial index = site · shots + shot.
    /// </summary>
    private void ApplyNoise(CircuitInstruction inst)
    {
        var t = inst.Targets.AsSpan();
        bool pairs = inst.Gate == GateKind.Depolarize2;
        int sites = pairs ? t.Length / 2 : t.Length;
        double p = inst.Gate == GateKind.PauliChannel1 ? inst.Args[0] + inst.Args[1] + inst.Args[2] : inst.Args[0];
        if (sites == 0 || !(p > 0))
        {
            return;
        }
        var walk = new NoiseHits(Math.Min(1.0, p), sites * (64L * _words));
        var frame = new FrameRows(_x, _z, _words, _shotShift);
        int n;
        while ((n = _noise.Draw(ref walk, _random, _hitTrials, _hitWords)) > 0)
        {
            var trials = _hitTrials.AsSpan(0, n);
            var words = _hitWords.AsSpan(0, n);
            switch (inst.Gate)
            {
                case GateKind.XError:
                    frame.FlipAll(t, trials, 1);
                    break;
                case GateKind.YError:
                    frame.FlipAll(t, trials, 3);
                    break;
                case GateKind.ZError:
                    frame.FlipAll(t, trials, 2);
                    break;
                case GateKind.Depolarize1:
                    frame.Depolarize1(t, trials, words);
                    break;
                case GateKind.Depolarize2:
                    frame.Depolarize2(t, trials, words);
                    break;
                default:
                    frame.PauliChannel1(t, trials, words, inst.Args[0], inst.Args[1], p);
                    break;
            }
        }
    }

    /// <summary>
    /// The frame's rows as locals for the per-hit loops (no field reloads after each store). Trial index
    /// = site · shots + shot; a Pauli is 2 bits: bit 0 = X part, bit 1 = Z part (X = 1, Z = 2, Y = 3).
    /// </summary>
    private readonly ref struct FrameRows(Span<ulong> x, Span<ulong> z, int words, int shotShift)
    {
        private readonly Span<ulong> _x = x;
        private readonly Span<ulong> _z = z;

        /// <summary>The same Pauli at every success.</summary>
        public void FlipAll(ReadOnlySpan<int> targets, ReadOnlySpan<long> trials, int pauli)
        {
            foreach (long trial in trials)
            {
                Flip(targets[(int)(trial >> shotShift)], trial, pauli);
            }
        }

        /// <summary>X, Y or Z, uniformly.</summary>
        public void Depolarize1(ReadOnlySpan<int> targets, ReadOnlySpan<long> trials, ReadOnlySpan<ulong> random)
        {
            for (int i = 0; i < trials.Length; i++)
            {
                long trial = trials[i];
                Flip(targets[(int)(trial >> shotShift)], trial, 1 + (int)Uniform(random[i], 3));
            }
        }

        /// <summary>One of the 15 non-identity two-qubit Paulis, uniformly: 2 bits per qubit of 1 … 15.</summary>
        public void Depolarize2(ReadOnlySpan<int> targets, ReadOnlySpan<long> trials, ReadOnlySpan<ulong> random)
        {
            for (int i = 0; i < trials.Length; i++)
            {
                long trial = trials[i];
                int pauli = 1 + (int)Uniform(random[i], 15);
                int pair = 2 * (int)(trial >> shotShift);
                Flip(targets[pair], trial, pauli & 3);
                Flip(targets[pair + 1], trial, pauli >> 2);
            }
        }

        /// <summary>PAULI_CHANNEL_1(px, py, pz): X, Y or Z in proportion to their probabilities (p = px + py + pz).</summary>
        public void PauliChannel1(ReadOnlySpan<int> targets, ReadOnlySpan<long> trials, ReadOnlySpan<ulong> random, double px, double py, double p)
        {
            for (int i = 0; i < trials.Length; i++)
            {
                long trial = trials[i];
                double u = (random[i] >> 11) * (1.0 / (1UL << 53)) * p;
                Flip(targets[(int)(trial >> shotShift)], trial, u < px ? 1 : u < px + py ? 3 : 2);
            }
        }

        /// <summary>
        /// XORs the Pauli into qubit q's frame for the trial's shot. Branch-free: the Pauli is random, so a
        /// branch per component would mispredict about half the time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Flip(int q, long trial, int pauli)
        {
            int shot = (int)trial & ((1 << shotShift) - 1);
            ulong bit = 1UL << shot; // C# masks the shift count to 6 bits
            int i = q * words + (shot >> 6);
            _x[i] ^= bit & (0UL - (ulong)(pauli & 1));
            _z[i] ^= bit & (0UL - (ulong)((pauli >> 1) & 1));
        }
    }

    /// <summary>A uniform integer in [0, n) from a random word: Lemire's multiply-shift (bias below 2⁻⁶⁰ for n ≤ 15).</summary>
    private static ulong Uniform(ulong word, ulong n) => Math.BigMul(word, n, out _);
}
