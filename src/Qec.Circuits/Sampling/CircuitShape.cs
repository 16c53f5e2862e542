using Qec.Circuits.Model;

namespace Qec.Circuits.Sampling;

/// <summary>
/// The sizes a frame simulation of a circuit needs, read in one walk of the instruction tree (each
/// repeat body once): detectors, observables (1 + the largest OBSERVABLE_INCLUDE index) and the ring
/// of measurement records (a power of two ≥ the deepest <c>rec[-k]</c>).
/// </summary>
internal sealed record CircuitShape(int NumDetectors, int NumObservables, int RecordSlots)
{
    /// <summary>Measures <paramref name="circuit"/>; throws when its detectors do not fit in an int.</summary>
    public static CircuitShape Of(Circuit circuit)
    {
        if (circuit.NumDetectors > int.MaxValue / 2)
        {
            throw new ArgumentException(
                $"{circuit.SourceName}: {circuit.NumDetectors} detectors are too many to sample (at most {int.MaxValue / 2})", nameof(circuit));
        }
        int observables = 0;
        int lookback = 1;
        Walk(circuit, ref observables, ref lookback);
        return new CircuitShape((int)circuit.NumDetectors, observables, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)lookback));
    }

    private static void Walk(Circuit block, ref int observables, ref int lookback)
    {
        foreach (var op in block.Operations)
        {
            if (op is CircuitRepeat r)
            {
                Walk(r.Body, ref observables, ref lookback);
            }
            else if (op is CircuitInstruction { Gate: GateKind.Detector or GateKind.ObservableInclude } i)
            {
                foreach (int offset in i.Targets)
                {
                    lookback = Math.Max(lookback, -offset);
                }
                if (i.Gate == GateKind.ObservableInclude)
                {
                    observables = Math.Max(observables, (int)i.Args[0] + 1);
                }
            }
        }
    }
}
