using Qec.Circuits.Model;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>Noise channels: Pauli errors XORed into the frame where a channel fires.</summary>
internal sealed partial class FrameSimulator
{
    /// <summary>
    /// Samples a channel over its (target or pair) × shot trials with geometric skips at the total
    /// probability of a non-identity Pauli; each success then picks its Pauli from the conditional
    /// distribution (uniform over 3 for DEPOLARIZE1, over 15 for DEPOLARIZE2, weights px : py : pz
    /// for PAULI_CHANNEL_1).
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
        long shots = 64L * _words;
        var hits = new NoiseHits(Math.Min(1.0, p), sites * shots, _noise, _random);
        for (; hits.Valid; hits.MoveNext(_noise, _random))
        {
            long index = hits.Current;
            int site = (int)(index >> _shotShift);
            int shot = (int)index & ((1 << _shotShift) - 1);
            int word = shot >> 6;
            ulong bit = 1UL << shot; // C# masks the shift count to 6 bits
            switch (inst.Gate)
            {
                case GateKind.XError:
                    Flip(t[site], word, bit, 1);
                    break;
                case GateKind.YError:
                    Flip(t[site], word, bit, 3);
                    break;
                case GateKind.ZError:
                    Flip(t[site], word, bit, 2);
                    break;
                case GateKind.Depolarize1:
                    // 1 + uniform {0, 1, 2}: X = 1, Z = 2, Y = 3 (bit 0 = x, bit 1 = z).
                    Flip(t[site], word, bit, 1 + (int)Uniform(hits.Word, 3));
                    break;
                case GateKind.Depolarize2:
                    int pauli = 1 + (int)Uniform(hits.Word, 15);
                    Flip(t[2 * site], word, bit, pauli & 3);
                    Flip(t[2 * site + 1], word, bit, pauli >> 2);
                    break;
                default:
                    // PAULI_CHANNEL_1(px, py, pz): X, Y or Z in proportion to their probabilities.
                    double u = (hits.Word >> 11) * (1.0 / (1UL << 53)) * p;
                    Flip(t[site], word, bit, u < inst.Args[0] ? 1 : u < inst.Args[0] + inst.Args[1] ? 3 : 2);
                    break;
            }
        }
    }

    /// <summary>
    /// XORs the Pauli (bit 0 = X part, bit 1 = Z part) into qubit q's frame for one shot. Branch-free:
    /// the Pauli is random, so a branch per component would mispredict about half the time.
    /// </summary>
    private void Flip(int q, int word, ulong bit, int pauli)
    {
        int i = q * _words + word;
        _x[i] ^= bit & (0UL - (ulong)(pauli & 1));
        _z[i] ^= bit & (0UL - (ulong)((pauli >> 1) & 1));
    }

    /// <summary>A uniform integer in [0, n) from a random word: Lemire's multiply-shift (bias below 2⁻⁶⁰ for n ≤ 15).</summary>
    private static ulong Uniform(ulong word, ulong n) => Math.BigMul(word, n, out _);
}
