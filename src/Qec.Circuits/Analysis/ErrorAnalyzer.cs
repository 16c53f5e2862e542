using System.Globalization;
using System.Text;
using Qec.Circuits.Model;
using Qec.Core.Dem;

namespace Qec.Circuits.Analysis;

/// <summary>
/// Circuit → detector error model (Stim's <c>analyze_errors</c> without decomposition or loop
/// folding), by one backward sweep over the circuit (Gidney, "Stim: a fast stabilizer circuit
/// simulator", Quantum 5, 497 (2021), §3 on error analysis).
/// <para>
/// Invariant of the sweep: at every point, for every qubit q, <c>_zs[q]</c> holds the detectors and
/// observables that an X error on q at that point would flip and <c>_xs[q]</c> those a Z error would
/// flip (a Y error flips their symmetric difference). Walking backwards, a Clifford gate G maps the
/// sets by G's action on Paulis; a measurement adds the detectors/observables that read its result
/// (<c>_records</c>) to the set that anticommutes with its basis; a reset empties both sets after
/// checking that nothing is sensitive to the component the reset randomises (otherwise a detector is
/// not deterministic). A noise channel at that point becomes independent mechanisms whose symptom
/// sets are read off the current sets.
/// </para>
/// </summary>
public sealed class ErrorAnalyzer
{
    private readonly Circuit _circuit;
    private readonly XorSet[] _xs;
    private readonly XorSet[] _zs;
    private readonly Dictionary<ulong, XorSet> _records = [];
    private readonly Stack<XorSet> _pool = new();
    private readonly ErrorAccumulator _errors;
    private readonly ReversedModel _model = new();
    private readonly List<(CircuitRepeat Block, ulong Iteration)> _loopStack = [];
    private readonly XorSet _scratch = new();
    private ulong _measurementsInPast;
    private ulong _detectorsInPast;

    private ErrorAnalyzer(Circuit circuit, MergeArithmetic arithmetic)
    {
        _circuit = circuit;
        _errors = new ErrorAccumulator(arithmetic);
        _xs = new XorSet[circuit.NumQubits];
        _zs = new XorSet[circuit.NumQubits];
        for (int q = 0; q < circuit.NumQubits; q++)
        {
            _xs[q] = new XorSet();
            _zs[q] = new XorSet();
        }
        _measurementsInPast = circuit.NumMeasurements;
        _detectorsInPast = circuit.NumDetectors;
    }

    /// <summary>
    /// The circuit's detector error model, as <c>stim analyze_errors</c> writes it (write it with
    /// <see cref="Writing.StimDemWriter"/> for Stim's exact bytes).
    /// </summary>
    /// <exception cref="CircuitAnalysisException">A detector or observable is not deterministic, or a channel cannot be made independent.</exception>
    public static DetectorErrorModel Analyze(Circuit circuit) => Analyze(circuit, MergeArithmetic.FuseFirst);

    /// <summary>As <see cref="Analyze(Circuit)"/> with a chosen rounding of merges (for the tests that prove Stim's).</summary>
    internal static DetectorErrorModel Analyze(Circuit circuit, MergeArithmetic arithmetic)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var analyzer = new ErrorAnalyzer(circuit, arithmetic);
        analyzer.Undo(circuit);
        for (int q = 0; q < circuit.NumQubits; q++)
        {
            analyzer.CheckDeterministic(analyzer._xs[q], "qubit initialization into |0> at the start of the circuit", q, null);
        }
        analyzer._model.Flush(analyzer._errors);
        return analyzer._model.ToModel();
    }

    private void Undo(Circuit block)
    {
        var ops = block.Operations;
        for (int k = ops.Length - 1; k >= 0; k--)
        {
            switch (ops[k])
            {
                case CircuitInstruction inst:
                    Undo(inst);
                    break;
                case CircuitRepeat repeat:
                    _loopStack.Add((repeat, 0));
                    for (ulong i = 0; i < repeat.Count; i++)
                    {
                        _loopStack[^1] = (repeat, repeat.Count - 1 - i);
                        Undo(repeat.Body);
                    }
                    _loopStack.RemoveAt(_loopStack.Count - 1);
                    break;
            }
        }
    }

    private void Undo(CircuitInstruction inst)
    {
        var t = inst.Targets.AsSpan();
        switch (inst.Gate)
        {
            case GateKind.QubitCoords:
            case GateKind.Tick:
                break;
            case GateKind.R:
            case GateKind.RX:
            case GateKind.RY:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    UndoReset(inst.Gate, t[k], inst, ResetContext(inst.Gate));
                }
                break;
            case GateKind.M:
            case GateKind.MX:
            case GateKind.MY:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    UndoMeasure(inst.Gate, t[k], inst, MeasureContext(inst.Gate));
                }
                break;
            case GateKind.MR:
            case GateKind.MRX:
                string context = inst.Gate == GateKind.MR
                    ? "a Z-basis demolition measurement (MR)" : "an X-basis demolition measurement (MRX)";
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    UndoReset(inst.Gate == GateKind.MR ? GateKind.R : GateKind.RX, t[k], inst, context);
                    UndoMeasure(inst.Gate == GateKind.MR ? GateKind.M : GateKind.MX, t[k], inst, context);
                }
                break;
            case GateKind.H:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    _xs[t[k]].SwapWith(_zs[t[k]]);
                }
                break;
            case GateKind.S:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    _zs[t[k]].XorWith(_xs[t[k]]);
                }
                break;
            case GateKind.SqrtX:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    _xs[t[k]].XorWith(_zs[t[k]]);
                }
                break;
            case GateKind.CXyz:
                for (int k = t.Length - 1; k >= 0; k--)
                {
                    _zs[t[k]].XorWith(_xs[t[k]]);
                    _xs[t[k]].XorWith(_zs[t[k]]);
                }
                break;
            case GateKind.CX:
                for (int k = t.Length - 2; k >= 0; k -= 2)
                {
                    int c = t[k], x = t[k + 1];
                    _zs[c].XorWith(_zs[x]);
                    _xs[x].XorWith(_xs[c]);
                }
                break;
            case GateKind.CY:
                for (int k = t.Length - 2; k >= 0; k -= 2)
                {
                    int c = t[k], y = t[k + 1];
                    _zs[c].XorWith(_zs[y]);
                    _zs[c].XorWith(_xs[y]);
                    _xs[y].XorWith(_xs[c]);
                    _zs[y].XorWith(_xs[c]);
                }
                break;
            case GateKind.CZ:
                for (int k = t.Length - 2; k >= 0; k -= 2)
                {
                    int a = t[k], b = t[k + 1];
                    _zs[a].XorWith(_xs[b]);
                    _zs[b].XorWith(_xs[a]);
                }
                break;
            case GateKind.Swap:
                for (int k = t.Length - 2; k >= 0; k -= 2)
                {
                    _xs[t[k]].SwapWith(_xs[t[k + 1]]);
                    _zs[t[k]].SwapWith(_zs[t[k + 1]]);
                }
                break;
            case GateKind.Detector:
                _detectorsInPast--;
                ToggleRecords(t, SymptomTarget.Detector(_detectorsInPast));
                _model.AddDetector(inst.Args, _detectorsInPast, inst.Tag);
                break;
            case GateKind.ObservableInclude:
                ulong obs = (ulong)inst.Args[0];
                ToggleRecords(t, SymptomTarget.Observable(obs));
                _model.AddObservable(obs, inst.Tag);
                break;
            case GateKind.ShiftCoords:
                _model.AddShift(inst.Args, 0, inst.Tag);
                break;
            default:
                UndoNoise(inst);
                break;
        }
    }

    private void UndoNoise(CircuitInstruction inst)
    {
        // Noise targets are visited forwards, as Stim does: the order of merges fixes the rounding.
        var t = inst.Targets.AsSpan();
        double p = inst.Args[0];
        switch (inst.Gate)
        {
            case GateKind.XError:
                foreach (int q in t)
                {
                    _errors.Add(p, _zs[q].Items, inst.Tag);
                }
                break;
            case GateKind.ZError:
                foreach (int q in t)
                {
                    _errors.Add(p, _xs[q].Items, inst.Tag);
                }
                break;
            case GateKind.YError:
                foreach (int q in t)
                {
                    _scratch.CopyFrom(_xs[q]);
                    _scratch.XorWith(_zs[q]);
                    _errors.Add(p, _scratch.Items, inst.Tag);
                }
                break;
            case GateKind.Depolarize1:
                if (p > IndependentChannels.MaxDepolarize1)
                {
                    throw Failure(inst, $"can't analyze over-mixing DEPOLARIZE1 errors (probability {Fmt(p)} > 3/4)");
                }
                double q1 = IndependentChannels.Depolarize1(p);
                foreach (int q in t)
                {
                    ChannelCombinations.Add(_errors, inst.Tag, [q1, q1, q1], [_xs[q], _zs[q]]);
                }
                break;
            case GateKind.Depolarize2:
                if (p > IndependentChannels.MaxDepolarize2)
                {
                    throw Failure(inst, $"can't analyze over-mixing DEPOLARIZE2 errors (probability {Fmt(p)} > 15/16)");
                }
                double q2 = IndependentChannels.Depolarize2(p);
                Span<double> all = stackalloc double[15];
                all.Fill(q2);
                for (int k = 0; k + 1 < t.Length; k += 2)
                {
                    ChannelCombinations.Add(_errors, inst.Tag, all, [_xs[t[k]], _zs[t[k]], _xs[t[k + 1]], _zs[t[k + 1]]]);
                }
                break;
            case GateKind.PauliChannel1:
                if (!IndependentChannels.TryDisjointToIndependent(inst.Args[0], inst.Args[1], inst.Args[2], out double ix, out double iy, out double iz))
                {
                    throw Failure(inst, "PAULI_CHANNEL_1 with these probabilities is not a product of independent X, Y, Z "
                        + "mechanisms and approximating it (Stim's --approximate_disjoint_errors) is not supported");
                }
                foreach (int q in t)
                {
                    // Basis (X error, Z error): case 1 = X, 2 = Z, 3 = Y.
                    ChannelCombinations.Add(_errors, inst.Tag, [ix, iz, iy], [_zs[q], _xs[q]]);
                }
                break;
            default:
                throw new InvalidOperationException($"unhandled gate {inst.Gate}");
        }
    }

    private void UndoReset(GateKind basis, int q, CircuitInstruction inst, string context)
    {
        // A reset randomises the component its basis anticommutes with: nothing may be sensitive to it.
        switch (basis)
        {
            case GateKind.R:
                CheckDeterministic(_xs[q], context, q, inst);
                break;
            case GateKind.RX:
                CheckDeterministic(_zs[q], context, q, inst);
                break;
            default:
                CheckDeterministic(_xs[q], _zs[q], context, q, inst);
                break;
        }
        _xs[q].Clear();
        _zs[q].Clear();
    }

    private void UndoMeasure(GateKind basis, int q, CircuitInstruction inst, string context)
    {
        _measurementsInPast--;
        _records.Remove(_measurementsInPast, out var readers);
        ReadOnlySpan<ulong> symptoms = readers is null ? default : readers.Items;
        if (inst.Args.Length > 0 && inst.Args[0] > 0)
        {
            _errors.Add(inst.Args[0], symptoms, inst.Tag);
        }
        switch (basis)
        {
            case GateKind.M:
                _zs[q].XorWith(symptoms);
                CheckDeterministic(_xs[q], context, q, inst);
                break;
            case GateKind.MX:
                _xs[q].XorWith(symptoms);
                CheckDeterministic(_zs[q], context, q, inst);
                break;
            default:
                _xs[q].XorWith(symptoms);
                _zs[q].XorWith(symptoms);
                CheckDeterministic(_xs[q], _zs[q], context, q, inst);
                break;
        }
        if (readers is not null)
        {
            readers.Clear();
            _pool.Push(readers);
        }
    }

    private void ToggleRecords(ReadOnlySpan<int> offsets, ulong target)
    {
        foreach (int offset in offsets)
        {
            ulong index = _measurementsInPast - (ulong)(-(long)offset);
            if (!_records.TryGetValue(index, out var set))
            {
                set = _pool.Count > 0 ? _pool.Pop() : new XorSet();
                _records.Add(index, set);
            }
            set.Toggle(target);
        }
    }

    private void CheckDeterministic(XorSet a, XorSet b, string context, int qubit, CircuitInstruction? inst)
    {
        if (!a.SetEquals(b))
        {
            _scratch.CopyFrom(a);
            _scratch.XorWith(b);
            CheckDeterministic(_scratch, context, qubit, inst);
        }
    }

    private void CheckDeterministic(XorSet anticommuting, string context, int qubit, CircuitInstruction? inst)
    {
        if (anticommuting.Count == 0)
        {
            return;
        }
        bool observables = false, detectors = false;
        var names = new StringBuilder();
        foreach (ulong t in anticommuting.Items)
        {
            observables |= SymptomTarget.IsObservable(t);
            detectors |= !SymptomTarget.IsObservable(t);
            names.Append(names.Length == 0 ? "" : ", ").Append(SymptomTarget.Format(t));
        }
        string what = (detectors, observables) switch
        {
            (true, true) => "non-deterministic detectors and observables",
            (true, false) => "non-deterministic detectors",
            _ => "non-deterministic observables",
        };
        string message = $"The circuit contains {what}: {names} anti-commute with {context} on qubit {qubit}";
        throw inst is null ? new CircuitAnalysisException($"{_circuit.SourceName}: {message}.") : Failure(inst, message);
    }

    private CircuitAnalysisException Failure(CircuitInstruction inst, string problem)
    {
        var s = new StringBuilder();
        s.Append(_circuit.SourceName).Append(':').Append(inst.Line).Append(':').Append(inst.Column).Append(": ")
            .Append(problem).Append(" (instruction ").Append(inst.Head);
        for (int i = _loopStack.Count - 1; i >= 0; i--)
        {
            var (block, iteration) = _loopStack[i];
            s.Append(", iteration ").Append(iteration + 1).Append(" of ").Append(block.Count)
                .Append(" of the REPEAT block at line ").Append(block.Line);
        }
        return new CircuitAnalysisException(s.Append(").").ToString());
    }

    private static string ResetContext(GateKind g) => g switch
    {
        GateKind.R => "a Z-basis reset (R)",
        GateKind.RX => "an X-basis reset (RX)",
        _ => "a Y-basis reset (RY)",
    };

    private static string MeasureContext(GateKind g) => g switch
    {
        GateKind.M => "a Z-basis measurement (M)",
        GateKind.MX => "an X-basis measurement (MX)",
        _ => "a Y-basis measurement (MY)",
    };

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
