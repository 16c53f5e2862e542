using Qec.Circuits.Analysis;
using Qec.Circuits.Model;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>
/// Independent oracle for the error analyzer: injects each Pauli of each noise channel at its place
/// and propagates it FORWARDS as a Pauli frame (the opposite direction to the analyzer), reading off
/// which measurements flip and hence which detectors and observables. Merges equal symptom sets with
/// the plain odd-parity formula, in forward order. Exponential in nothing, but quadratic in circuit
/// size: for tiny circuits only.
/// </summary>
internal static class PauliFrameOracle
{
    /// <summary>Symptom set (as "D0 D3 L0") → probability, for every mechanism with a non-empty set.</summary>
    public static Dictionary<string, double> Mechanisms(Circuit circuit)
    {
        var flat = new List<CircuitInstruction>();
        Flatten(circuit, flat);
        var result = new Dictionary<string, double>();
        for (int i = 0; i < flat.Count; i++)
        {
            var inst = flat[i];
            foreach (var (p, paulis) in Cases(inst))
            {
                string key = Symptoms(flat, i, paulis, inst);
                if (key.Length > 0)
                {
                    result[key] = result.TryGetValue(key, out double old) ? old * (1 - p) + (1 - old) * p : p;
                }
            }
        }
        return result;
    }

    private static void Flatten(Circuit c, List<CircuitInstruction> output)
    {
        foreach (var op in c.Operations)
        {
            if (op is CircuitInstruction i)
            {
                output.Add(i);
            }
            else if (op is CircuitRepeat r)
            {
                for (ulong k = 0; k < r.Count; k++)
                {
                    Flatten(r.Body, output);
                }
            }
        }
    }

    /// <summary>
    /// The independent cases of a channel: (probability, list of (qubit, x, z) applied at once), or a
    /// measurement flip (qubit −1 − index of the target) for M(p).
    /// </summary>
    private static IEnumerable<(double P, (int Q, bool X, bool Z)[] Paulis)> Cases(CircuitInstruction inst)
    {
        var t = inst.Targets;
        switch (inst.Gate)
        {
            case GateKind.XError:
                foreach (int q in t) yield return (inst.Args[0], [(q, true, false)]);
                break;
            case GateKind.YError:
                foreach (int q in t) yield return (inst.Args[0], [(q, true, true)]);
                break;
            case GateKind.ZError:
                foreach (int q in t) yield return (inst.Args[0], [(q, false, true)]);
                break;
            case GateKind.Depolarize1:
                double q1 = 0.5 - 0.5 * Math.Sqrt(1 - 4 * inst.Args[0] / 3);
                foreach (int q in t)
                {
                    yield return (q1, [(q, true, false)]);
                    yield return (q1, [(q, true, true)]);
                    yield return (q1, [(q, false, true)]);
                }
                break;
            case GateKind.PauliChannel1:
                Assert.True(IndependentChannels.TryDisjointToIndependent(inst.Args[0], inst.Args[1], inst.Args[2], out double ix, out double iy, out double iz));
                foreach (int q in t)
                {
                    yield return (ix, [(q, true, false)]);
                    yield return (iy, [(q, true, true)]);
                    yield return (iz, [(q, false, true)]);
                }
                break;
            case GateKind.Depolarize2:
                double q2 = 0.5 - 0.5 * Math.Pow(1 - 16 * inst.Args[0] / 15, 0.125);
                for (int k = 0; k < t.Length; k += 2)
                {
                    for (int m = 1; m < 16; m++)
                    {
                        yield return (q2, [(t[k], (m & 1) != 0, (m & 2) != 0), (t[k + 1], (m & 4) != 0, (m & 8) != 0)]);
                    }
                }
                break;
            case GateKind.M or GateKind.MX or GateKind.MY or GateKind.MR or GateKind.MRX when inst.Args.Length > 0:
                for (int k = 0; k < t.Length; k++) yield return (inst.Args[0], [(-1 - k, false, false)]);
                break;
        }
    }

    /// <summary>Propagates the Paulis injected at flat[start] (or flips one of its measurements) forwards.</summary>
    private static string Symptoms(List<CircuitInstruction> flat, int start, (int Q, bool X, bool Z)[] paulis, CircuitInstruction origin)
    {
        int n = 64;
        var x = new bool[n];
        var z = new bool[n];
        int flipTarget = -1;
        foreach (var (q, px, pz) in paulis)
        {
            if (q < 0)
            {
                flipTarget = -1 - q;
            }
            else
            {
                x[q] ^= px;
                z[q] ^= pz;
            }
        }
        var flips = new List<bool>();
        var detectors = new SortedSet<int>();
        var observables = new SortedSet<int>();
        int detectorIndex = 0;
        int measurementsBefore = 0;
        for (int i = 0; i < flat.Count; i++)
        {
            var inst = flat[i];
            var t = inst.Targets;
            bool active = i >= start;
            // A measurement flip error on origin acts on that measurement only; Pauli errors act after origin.
            bool paulisLive = i > start || (origin.Gate is not (GateKind.M or GateKind.MX or GateKind.MY or GateKind.MR or GateKind.MRX));
            switch (inst.Gate)
            {
                case GateKind.H when active && i > start:
                    foreach (int q in t) (x[q], z[q]) = (z[q], x[q]);
                    break;
                case GateKind.S when i > start:
                    foreach (int q in t) z[q] ^= x[q];
                    break;
                case GateKind.SqrtX when i > start:
                    foreach (int q in t) x[q] ^= z[q];
                    break;
                case GateKind.CXyz when i > start:
                    foreach (int q in t) (x[q], z[q]) = (x[q] ^ z[q], x[q]);
                    break;
                case GateKind.CX when i > start:
                    for (int k = 0; k < t.Length; k += 2) { x[t[k + 1]] ^= x[t[k]]; z[t[k]] ^= z[t[k + 1]]; }
                    break;
                case GateKind.CZ when i > start:
                    for (int k = 0; k < t.Length; k += 2) { z[t[k]] ^= x[t[k + 1]]; z[t[k + 1]] ^= x[t[k]]; }
                    break;
                case GateKind.CY when i > start:
                    for (int k = 0; k < t.Length; k += 2)
                    {
                        int c = t[k], y = t[k + 1];
                        bool xc = x[c], xy = x[y], zy = z[y];
                        x[y] ^= xc;
                        z[y] ^= xc;
                        z[c] ^= xy ^ zy;
                    }
                    break;
                case GateKind.Swap when i > start:
                    for (int k = 0; k < t.Length; k += 2)
                    {
                        (x[t[k]], x[t[k + 1]]) = (x[t[k + 1]], x[t[k]]);
                        (z[t[k]], z[t[k + 1]]) = (z[t[k + 1]], z[t[k]]);
                    }
                    break;
                case GateKind.R or GateKind.RX or GateKind.RY when i > start:
                    foreach (int q in t) x[q] = z[q] = false;
                    break;
                case GateKind.M or GateKind.MX or GateKind.MY or GateKind.MR or GateKind.MRX:
                    for (int k = 0; k < t.Length; k++)
                    {
                        int q = t[k];
                        bool flip = false;
                        if (i > start || (i == start && !paulisLive))
                        {
                            flip = inst.Gate switch
                            {
                                GateKind.M or GateKind.MR => x[q],
                                GateKind.MX or GateKind.MRX => z[q],
                                _ => x[q] ^ z[q],
                            };
                        }
                        if (i == start && flipTarget == k)
                        {
                            flip ^= true;
                        }
                        flips.Add(flip);
                        if (inst.Gate is GateKind.MR or GateKind.MRX && i > start)
                        {
                            x[q] = z[q] = false;
                        }
                    }
                    measurementsBefore += t.Length;
                    break;
                case GateKind.Detector:
                    bool d = false;
                    foreach (int offset in t) d ^= flips[flips.Count + offset];
                    if (d) detectors.Add(detectorIndex);
                    detectorIndex++;
                    break;
                case GateKind.ObservableInclude:
                    bool o = false;
                    foreach (int offset in t) o ^= flips[flips.Count + offset];
                    if (o) observables.SymmetricExceptWith([(int)inst.Args[0]]);
                    break;
            }
        }
        return string.Join(" ", detectors.Select(d => "D" + d).Concat(observables.Select(o => "L" + o)));
    }
}
