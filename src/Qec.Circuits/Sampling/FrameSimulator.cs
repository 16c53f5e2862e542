using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qec.Circuits.Model;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Bit-packed Pauli-frame simulation of one batch of 64·W shots (Gidney, "Stim: a fast stabilizer
/// circuit simulator", Quantum 5, 497 (2021), §3 "Pauli frame simulation"). State, word w of each
/// row holding shots 64w … 64w + 63:
/// <list type="bullet">
/// <item><c>_x[q·W + w]</c>, <c>_z[q·W + w]</c>: the X and Z components of the error frame on qubit q
/// relative to the noiseless reference run.</item>
/// <item><c>_record</c>: a ring of the last <c>RecordSlots</c> measurement-flip rows (a power of two ≥
/// the largest <c>rec[-k]</c>), so a 10⁶-round circuit needs no more memory than one round.</item>
/// <item><c>_detectors[d·W + w]</c>, <c>_observables[k·W + w]</c>: detection events and observable
/// flips, each the XOR of the record rows it names.</item>
/// </list>
/// Invariant: a measurement outcome differs from the reference outcome exactly when the frame
/// anticommutes with the measured Pauli, so detectors (deterministic in the reference run) flip by
/// the XOR of the flips they read. As in Stim's FrameSimulator, the component a reset or a
/// measurement leaves as a stabilizer of the state (Z after R/M, X after RX/MX, Y after RY/MY) is
/// randomised with fresh bits (<see cref="VectorXoshiro"/>): it acts trivially, but a circuit whose detector were not
/// deterministic shows random flips instead of silently wrong zeros. The initial state |0…0⟩ gets the
/// same Z randomisation. Repeat blocks run their body Count times; nothing is flattened.
/// </summary>
internal sealed partial class FrameSimulator
{
    private readonly Circuit _circuit;
    private readonly int _words;
    private readonly int _shotShift;
    private readonly ulong[] _x;
    private readonly ulong[] _z;
    private readonly ulong[] _record;
    private readonly int _recordMask;
    private readonly ulong[] _detectors;
    private readonly ulong[] _observables;
    private readonly NoisePool _noise = new();
    private readonly VectorXoshiro _random = new();
    private readonly ulong[] _gaugeRow;
    private long _measurements;
    private int _detectorCount;

    /// <summary>Allocates the state of a batch of 64·<paramref name="words"/> shots (a power of two ≥ 4: trial indices split by shift and mask, rows are whole vectors).</summary>
    public FrameSimulator(Circuit circuit, CircuitShape shape, int words)
    {
        CheckWordsPerBatch(words);
        CheckGateTargets(circuit, circuit.NumQubits);
        _circuit = circuit;
        _words = words;
        _shotShift = BitOperations.Log2((uint)words) + 6;
        _gaugeRow = new ulong[words];
        _x = new ulong[(long)circuit.NumQubits * words];
        _z = new ulong[(long)circuit.NumQubits * words];
        _record = new ulong[(long)shape.RecordSlots * words];
        _recordMask = shape.RecordSlots - 1;
        _detectors = new ulong[(long)shape.NumDetectors * words];
        _observables = new ulong[(long)shape.NumObservables * words];
    }

    /// <summary>Refuses a batch size that is not a power of two ≥ 4 words (see the constructor).</summary>
    /// <exception cref="ArgumentException">it is not.</exception>
    public static void CheckWordsPerBatch(int words)
    {
        if (!BitOperations.IsPow2(words) || words < 4)
        {
            throw new ArgumentException($"words per batch must be a power of two ≥ 4, not {words}", nameof(words));
        }
    }

    /// <summary>Words per row (64 shots each).</summary>
    public int Words => _words;

    /// <summary>Detection events of the last run: row d (W words) is detector d.</summary>
    public ReadOnlySpan<ulong> Detectors => _detectors;

    /// <summary>Observable flips of the last run: row k (W words) is observable k.</summary>
    public ReadOnlySpan<ulong> Observables => _observables;

    /// <summary>Runs the whole circuit once for every shot of the batch; <paramref name="rng"/> seeds its random words (16 draws).</summary>
    public void Run(ref Xoshiro256StarStar rng)
    {
        Array.Clear(_x);
        Array.Clear(_observables);
        _random.Seed(ref rng);
        _noise.Clear();
        // Reference state |0…0⟩: Z is a stabilizer of every qubit, so its frame component is gauge.
        _random.Fill(_z);
        _measurements = 0;
        _detectorCount = 0;
        RunBlock(_circuit);
    }

    private void RunBlock(Circuit block)
    {
        foreach (var op in block.Operations)
        {
            if (op is CircuitInstruction i)
            {
                Execute(i);
            }
            else if (op is CircuitRepeat r)
            {
                for (ulong k = 0; k < r.Count; k++)
                {
                    RunBlock(r.Body);
                }
            }
        }
    }

    private void Execute(CircuitInstruction inst)
    {
        var t = inst.Targets.AsSpan();
        switch (inst.Gate)
        {
            case GateKind.H:
                foreach (int q in t) Hadamard(q);
                break;
            case GateKind.S:
                foreach (int q in t) XorWithin(_z, _x, q);
                break;
            case GateKind.SqrtX:
                foreach (int q in t) XorWithin(_x, _z, q);
                break;
            case GateKind.CXyz:
                foreach (int q in t) CycleXyz(q);
                break;
            case GateKind.CX:
                for (int k = 0; k < t.Length; k += 2) ControlledX(t[k], t[k + 1]);
                break;
            case GateKind.CZ:
                for (int k = 0; k < t.Length; k += 2) ControlledZ(t[k], t[k + 1]);
                break;
            case GateKind.CY:
                for (int k = 0; k < t.Length; k += 2) ControlledY(t[k], t[k + 1]);
                break;
            case GateKind.Swap:
                for (int k = 0; k < t.Length; k += 2) SwapQubits(t[k], t[k + 1]);
                break;
            case GateKind.R or GateKind.RX or GateKind.RY:
                foreach (int q in t) Reset(inst.Gate, q);
                break;
            case GateKind.M or GateKind.MX or GateKind.MY or GateKind.MR or GateKind.MRX:
                Measure(inst);
                break;
            case GateKind.Detector:
                XorRecords(t, _detectors.AsSpan(_detectorCount++ * _words, _words), clear: true);
                break;
            case GateKind.ObservableInclude:
                XorRecords(t, _observables.AsSpan((int)inst.Args[0] * _words, _words), clear: false);
                break;
            case GateKind.XError or GateKind.YError or GateKind.ZError or GateKind.Depolarize1
                or GateKind.Depolarize2 or GateKind.PauliChannel1:
                ApplyNoise(inst);
                break;
            default:
                // QUBIT_COORDS, TICK, SHIFT_COORDS: no effect on the frame.
                break;
        }
    }

    private void Measure(CircuitInstruction inst)
    {
        var t = inst.Targets.AsSpan();
        long first = _measurements;
        for (int k = 0; k < t.Length; k++)
        {
            int q = t[k];
            var row = RecordRow(first + k);
            var x = Row(_x, q);
            var z = Row(_z, q);
            switch (inst.Gate)
            {
                case GateKind.M or GateKind.MR:
                    x.CopyTo(row);
                    break;
                case GateKind.MX or GateKind.MRX:
                    z.CopyTo(row);
                    break;
                default:
                    for (int w = 0; w < row.Length; w++) row[w] = x[w] ^ z[w];
                    break;
            }
            if (inst.Gate is GateKind.MR)
            {
                Reset(GateKind.R, q);
            }
            else if (inst.Gate is GateKind.MRX)
            {
                Reset(GateKind.RX, q);
            }
            else
            {
                RandomizeGauge(inst.Gate, x, z);
            }
        }
        _measurements += t.Length;
        if (inst.Args.Length > 0 && inst.Args[0] > 0)
        {
            // M(p): each result flips with probability p, after the frame is read.
            var walk = new NoiseHits(inst.Args[0], t.Length * (64L * _words));
            int n;
            while ((n = _noise.Draw(ref walk, _random, _hitTrials, _hitWords)) > 0)
            {
                foreach (long trial in _hitTrials.AsSpan(0, n))
                {
                    int shot = (int)trial & ((1 << _shotShift) - 1);
                    RecordRow(first + (trial >> _shotShift))[shot >> 6] ^= 1UL << shot;
                }
            }
        }
    }

    /// <summary>After a measurement (not a reset): the measured Pauli stabilises the state; XOR it in with random bits.</summary>
    private void RandomizeGauge(GateKind gate, Span<ulong> x, Span<ulong> z)
    {
        var r = _gaugeRow.AsSpan();
        _random.Fill(r);
        if (gate is GateKind.M or GateKind.MY)
        {
            XorInto(z, r);
        }
        if (gate is GateKind.MX or GateKind.MY)
        {
            XorInto(x, r);
        }
    }

    /// <summary>The frame is forgotten; the new state's stabiliser (Z for R, X for RX, Y for RY) is applied with random bits.</summary>
    private void Reset(GateKind gate, int q)
    {
        var x = Row(_x, q);
        var z = Row(_z, q);
        _random.Fill(gate is GateKind.RX ? x : z);
        if (gate is GateKind.R)
        {
            x.Clear();
        }
        else if (gate is GateKind.RX)
        {
            z.Clear();
        }
        else
        {
            z.CopyTo(x);
        }
    }

    private void XorRecords(ReadOnlySpan<int> targets, Span<ulong> output, bool clear)
    {
        if (clear)
        {
            output.Clear();
        }
        foreach (int offset in targets)
        {
            XorInto(output, RecordRow(_measurements + offset));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<ulong> Row(ulong[] table, int q) => table.AsSpan(q * _words, _words);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<ulong> RecordRow(long measurement) => _record.AsSpan((int)(measurement & _recordMask) * _words, _words);

    /// <summary>a ^= b over whole vectors (row lengths are multiples of 4 words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void XorInto(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        var va = MemoryMarshal.Cast<ulong, Vector256<ulong>>(a);
        var vb = MemoryMarshal.Cast<ulong, Vector256<ulong>>(b);
        for (int i = 0; i < va.Length; i++)
        {
            va[i] ^= vb[i];
        }
    }
}
