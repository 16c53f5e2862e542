namespace Qec.Circuits.Generation;

/// <summary>
/// The repetition-code memory experiment of <c>stim gen --code repetition_code --task memory</c>: data
/// qubits 0, 2, …, 2d−2 and measure qubits 1, 3, …, 2d−3 on a line; each round CX data→measure from the
/// left neighbour then the right one, then MR; Z basis; observable = the last data qubit.
/// </summary>
public static class RepetitionCodeCircuit
{
    /// <summary>Generates the circuit; needs distance ≥ 2 and rounds ≥ 1.</summary>
    public static GeneratedCircuit Generate(int distance, long rounds, StimGenNoise noise)
    {
        SurfaceCodeCircuit.CheckSizes(distance, rounds);
        noise.Validate();
        int d = distance, m = d - 1;
        var data = Enumerable.Range(0, d).Select(i => 2 * i).ToArray();
        var measure = Enumerable.Range(0, m).Select(i => 2 * i + 1).ToArray();
        var all = Enumerable.Range(0, 2 * d - 1).ToArray();
        var leftPairs = new List<int>();
        var rightPairs = new List<int>();
        for (int i = 0; i < m; i++)
        {
            leftPairs.AddRange([2 * i, 2 * i + 1]);
            rightPairs.AddRange([2 * i + 2, 2 * i + 1]);
        }

        var cycle = new StimCircuitBuilder();
        noise.BeginRound(cycle, data);
        noise.Unitary2(cycle, "CX", leftPairs);
        cycle.Tick();
        noise.Unitary2(cycle, "CX", rightPairs);
        cycle.Tick();
        noise.MeasureReset(cycle, measure, 'Z');

        var circuit = new StimCircuitBuilder();
        noise.Reset(circuit, all, 'Z');
        circuit.AppendRepeated(cycle, 1);
        for (int i = 0; i < m; i++)
        {
            circuit.Append("DETECTOR", [StimCircuitBuilder.Record(m - i)], 2 * i + 1, 0);
        }

        var body = cycle.Clone();
        body.Append("SHIFT_COORDS", Array.Empty<StimTarget>(), 0, 1);
        for (int i = 0; i < m; i++)
        {
            body.Append("DETECTOR", [StimCircuitBuilder.Record(m - i), StimCircuitBuilder.Record(2 * m - i)], 2 * i + 1, 0);
        }
        circuit.AppendRepeated(body, rounds - 1);

        noise.Measure(circuit, data, 'Z');
        for (int i = 0; i < m; i++)
        {
            // Data i is rec[-(d - i)], data i + 1 one later; the last round's measure qubit i precedes all data.
            circuit.Append("DETECTOR", [StimCircuitBuilder.Record(d - i - 1), StimCircuitBuilder.Record(d - i), StimCircuitBuilder.Record(d + m - i)], 2 * i + 1, 1);
        }
        circuit.Append("OBSERVABLE_INCLUDE", [StimCircuitBuilder.Record(1)], 0);

        var layout = new Dictionary<(int X, int Y), (char Letter, int Qubit)>();
        foreach (int q in all)
        {
            layout[(q, 0)] = (q == 0 ? 'L' : q % 2 == 0 ? 'd' : 'Z', q);
        }
        const string legend = "# Legend:\n#     d# = data qubit\n#     L# = data qubit with logical observable crossing\n#     Z# = measurement qubit\n";
        return new GeneratedCircuit("repetition_code", "memory", rounds, distance, noise, layout, legend, circuit);
    }
}
