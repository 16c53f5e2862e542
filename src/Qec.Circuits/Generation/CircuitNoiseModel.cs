namespace Qec.Circuits.Generation;

/// <summary>
/// Circuit-level noise applied to a noiseless circuit moment by moment (a moment = the operations between
/// two TICKs; REPEAT bodies are transformed on their own), as Gidney, Newman, Fowler, Broughton define SD6 and
/// SI1000 ("A Fault-Tolerant Honeycomb Memory", Quantum 5, 605, 2021, Table 2) and as Gidney's own noise-model
/// code applies them (the <c>NoiseModel.uniform_depolarizing</c> / <c>si1000</c> of Gidney 2022, zenodo 7487893):
/// <list type="bullet">
/// <item>1-qubit Clifford: DEPOLARIZE1(<see cref="Clifford1"/>) after; 2-qubit Clifford: DEPOLARIZE2(<see cref="Clifford2"/>) after;</item>
/// <item>reset (R/RX, and the reset half of MR/MRX): X_ERROR/Z_ERROR(<see cref="ResetFlip"/>) after;</item>
/// <item>measurement: the result is flipped, <c>M(<see cref="MeasureFlip"/>)</c> (not the input qubit), and a plain
/// M/MX/MY is followed by DEPOLARIZE1(<see cref="MeasureDepolarize"/>) on the measured qubits (MR/MRX reset them instead);</item>
/// <item>every qubit of the circuit that no gate of the moment touches: DEPOLARIZE1(<see cref="Idle"/>), and when the
/// moment measures or resets, a second DEPOLARIZE1(<see cref="ExtraIdleDuringMeasureOrReset"/>) on the same qubits
/// (SI1000's resonator idle; Gidney's code adds it to the ordinary idle noise rather than replacing it).</item>
/// </list>
/// Moments holding only annotations (DETECTOR, QUBIT_COORDS, …) get no idle noise. The input must be
/// noiseless and use H, C_XYZ, CX/CZ, R/RX, M/MX/MY, MR/MRX (what the generators emit); anything else is refused.
/// </summary>
/// <param name="Name">The model's name on the command line (sd6, si1000).</param>
/// <param name="Clifford1">After 1-qubit Cliffords.</param>
/// <param name="Clifford2">After 2-qubit Cliffords.</param>
/// <param name="ResetFlip">After resets.</param>
/// <param name="MeasureFlip">Flip of a measurement result.</param>
/// <param name="MeasureDepolarize">After a measurement that does not reset.</param>
/// <param name="Idle">Idle qubits in every moment with gates.</param>
/// <param name="ExtraIdleDuringMeasureOrReset">Idle qubits again in moments that measure or reset.</param>
/// <param name="CzOnly">Whether CX is rewritten as H·CZ·H on the target first (SI1000's native gate set: CZ, 1-qubit gates).</param>
public sealed record CircuitNoiseModel(string Name, double Clifford1, double Clifford2, double ResetFlip, double MeasureFlip,
    double MeasureDepolarize, double Idle, double ExtraIdleDuringMeasureOrReset, bool CzOnly)
{
    /// <summary>The model names <see cref="Create"/> knows.</summary>
    public static readonly string[] Names = ["sd6", "si1000"];

    /// <summary>
    /// SD6, standard depolarizing: every gate, reset, measurement result and idle qubit at p, idle qubits
    /// depolarized at p in every moment, measurement and reset moments included.
    /// </summary>
    public static CircuitNoiseModel Sd6(double p) => new("sd6", p, p, p, p, p, p, 0, CzOnly: false);

    /// <summary>
    /// SI1000, superconducting inspired: CZ p, 1-qubit Cliffords p/10, reset flip 2p, measurement result flip 5p
    /// (then DEPOLARIZE1(p)), idle p/10, plus 2p on qubits idle during a measurement or reset moment; CZ as the
    /// only 2-qubit gate.
    /// </summary>
    public static CircuitNoiseModel Si1000(double p) => new("si1000", p / 10, p, 2 * p, 5 * p, p, p / 10, 2 * p, CzOnly: true);

    /// <summary>The model called <paramref name="name"/> (sd6, si1000) at strength <paramref name="p"/>; throws naming the bad value.</summary>
    public static CircuitNoiseModel Create(string name, double p)
    {
        var model = name switch
        {
            "sd6" => Sd6(p),
            "si1000" => Si1000(p),
            _ => throw new ArgumentException($"unknown noise model '{name}': known models are {string.Join(", ", Names)}"),
        };
        foreach (double q in new[] { model.Clifford1, model.Clifford2, model.ResetFlip, model.MeasureFlip, model.MeasureDepolarize, model.Idle, model.ExtraIdleDuringMeasureOrReset })
        {
            if (!(q >= 0 && q <= 1))
            {
                throw new ArgumentException($"--p {p} gives a {name} probability of {q}, outside [0, 1]");
            }
        }
        return model;
    }

    /// <summary>The noisy version of the noiseless <paramref name="circuit"/>.</summary>
    public StimCircuitBuilder Apply(StimCircuitBuilder circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var qubits = new SortedSet<int>();
        CollectQubits(circuit, qubits);
        return Transform(CzOnly ? CxToCz(circuit) : circuit, [.. qubits]);
    }

    private StimCircuitBuilder Transform(StimCircuitBuilder circuit, int[] qubits)
    {
        var output = new StimCircuitBuilder();
        var moment = new List<StimCircuitBuilder.Operation>();
        foreach (var item in circuit.Items)
        {
            switch (item)
            {
                case StimCircuitBuilder.Operation { Gate: "TICK" }:
                    EmitMoment(output, moment, qubits);
                    output.Tick();
                    break;
                case StimCircuitBuilder.Operation op:
                    moment.Add(op);
                    break;
                case StimCircuitBuilder.Repeat repeat:
                    EmitMoment(output, moment, qubits);
                    output.AppendRepeated(Transform(repeat.Body, qubits), repeat.Count);
                    break;
            }
        }
        EmitMoment(output, moment, qubits);
        return output;
    }

    /// <summary>Writes one moment with its noise: per gate before-noise, gate, after-noise; idle noise after the last gate; annotations where they were.</summary>
    private void EmitMoment(StimCircuitBuilder output, List<StimCircuitBuilder.Operation> moment, int[] qubits)
    {
        int lastGate = moment.FindLastIndex(op => !IsAnnotation(op.Gate));
        var touched = new HashSet<int>();
        bool measuresOrResets = false;
        for (int i = 0; i < moment.Count; i++)
        {
            var op = moment[i];
            var targets = op.Targets.Select(t => t.Value).ToList();
            if (IsAnnotation(op.Gate))
            {
                output.Append(op.Gate, op.Targets, op.Args);
            }
            else
            {
                foreach (int q in targets)
                {
                    if (!touched.Add(q))
                    {
                        throw new ArgumentException($"qubit {q} is used twice in one moment (by {op.Gate}): noise models need one operation per qubit per moment");
                    }
                }
                measuresOrResets |= EmitNoisyGate(output, op.Gate, targets);
            }
            if (i == lastGate)
            {
                var idle = qubits.Where(q => !touched.Contains(q)).ToList();
                AppendIf(output, "DEPOLARIZE1", idle, Idle);
                if (measuresOrResets)
                {
                    AppendIf(output, "DEPOLARIZE1", idle, ExtraIdleDuringMeasureOrReset);
                }
            }
        }
        moment.Clear();
    }

    /// <summary>Emits a gate with its noise; returns whether it measures or resets.</summary>
    private bool EmitNoisyGate(StimCircuitBuilder output, string gate, List<int> targets)
    {
        switch (gate)
        {
            case "H" or "C_XYZ":
                output.Append(gate, targets);
                AppendIf(output, "DEPOLARIZE1", targets, Clifford1);
                return false;
            case "CX" or "CZ":
                output.Append(gate, targets);
                AppendIf(output, "DEPOLARIZE2", targets, Clifford2);
                return false;
            case "R" or "RX":
                output.Append(gate, targets);
                AppendIf(output, gate == "R" ? "X_ERROR" : "Z_ERROR", targets, ResetFlip);
                return true;
            case "M" or "MX" or "MY":
                AppendMeasurement(output, gate, targets);
                AppendIf(output, "DEPOLARIZE1", targets, MeasureDepolarize);
                return true;
            case "MR" or "MRX":
                AppendMeasurement(output, gate, targets);
                AppendIf(output, gate == "MR" ? "X_ERROR" : "Z_ERROR", targets, ResetFlip);
                return true;
            default:
                throw new ArgumentException($"the {Name} noise model takes a noiseless circuit of H, C_XYZ, CX, CZ, R, RX, M, MX, MY, MR, MRX: found {gate}");
        }
    }

    /// <summary>The measurement with its result flip as Stim's argument, <c>M(p)</c>; plain <c>M</c> when p = 0.</summary>
    private void AppendMeasurement(StimCircuitBuilder output, string gate, List<int> targets)
    {
        if (MeasureFlip > 0)
        {
            output.Append(gate, targets, MeasureFlip);
        }
        else
        {
            output.Append(gate, targets);
        }
    }

    /// <summary>CX c t → H t · CZ c t · H t, each its own moment (the moments around a CX layer hold only CX, as generated).</summary>
    private static StimCircuitBuilder CxToCz(StimCircuitBuilder circuit)
    {
        var output = new StimCircuitBuilder();
        foreach (var item in circuit.Items)
        {
            switch (item)
            {
                case StimCircuitBuilder.Operation { Gate: "CX" } cx:
                    var targets = cx.Targets.Where((_, i) => i % 2 == 1).ToList();
                    output.Append("H", targets).Tick().Append("CZ", cx.Targets).Tick().Append("H", targets);
                    break;
                case StimCircuitBuilder.Operation op:
                    output.Append(op.Gate, op.Targets, op.Args);
                    break;
                case StimCircuitBuilder.Repeat repeat:
                    output.AppendRepeated(CxToCz(repeat.Body), repeat.Count);
                    break;
            }
        }
        return output;
    }

    private static void CollectQubits(StimCircuitBuilder circuit, SortedSet<int> qubits)
    {
        foreach (var item in circuit.Items)
        {
            if (item is StimCircuitBuilder.Repeat repeat)
            {
                CollectQubits(repeat.Body, qubits);
            }
            else if (item is StimCircuitBuilder.Operation op && op.Gate is not ("DETECTOR" or "OBSERVABLE_INCLUDE" or "SHIFT_COORDS" or "TICK"))
            {
                qubits.UnionWith(op.Targets.Where(t => !t.IsRecord).Select(t => t.Value));
            }
        }
    }

    private static bool IsAnnotation(string gate) => gate is "DETECTOR" or "OBSERVABLE_INCLUDE" or "SHIFT_COORDS" or "QUBIT_COORDS";

    private static void AppendIf(StimCircuitBuilder c, string channel, List<int> targets, double p)
    {
        if (p > 0)
        {
            c.Append(channel, targets, p);
        }
    }
}
