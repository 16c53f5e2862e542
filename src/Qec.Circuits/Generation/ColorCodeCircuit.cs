namespace Qec.Circuits.Generation;

/// <summary>
/// The colour-code memory of <c>stim gen --code color_code --task memory_xyz</c>: a triangular patch of the
/// 6.6.6 code, width w = d + (d − 1)/2 rows; each round applies C_XYZ to every data qubit and measures every
/// plaquette through one measure qubit (six CX layers, then MR), so the measured Pauli cycles X, Y, Z. A
/// detector compares a plaquette's last three results (X·Y·Z = the same stabilizer's product), the first
/// one two; the data are measured in the basis the last round left (Z, X or Y by rounds mod 3).
/// Coordinates (x + y/2, y) are kept internally as integers (2x + y, y).
/// </summary>
public static class ColorCodeCircuit
{
    // Neighbour offsets in doubled x, in Stim's CX layer order.
    private static readonly (int X2, int Y)[] Deltas = [(2, 0), (1, 1), (1, -1), (-2, 0), (-1, 1), (-1, -1)];

    /// <summary>Generates the circuit; needs an odd distance ≥ 3 and rounds ≥ 2 (Stim's limits).</summary>
    public static GeneratedCircuit Generate(int distance, long rounds, StimGenNoise noise)
    {
        if (rounds < 2)
        {
            throw new ArgumentException($"color_code memory_xyz needs rounds >= 2, found {rounds}");
        }
        if (distance < 3 || distance % 2 == 0)
        {
            throw new ArgumentException($"color_code needs an odd distance >= 3, found {distance}");
        }
        noise.Validate();
        int w = distance + (distance - 1) / 2;
        var qubitOf = new Dictionary<(int X2, int Y), int>();
        var coordOf = new List<(int X2, int Y)>();
        var dataCoords = new List<(int X2, int Y)>();
        var measureCoords = new List<(int X2, int Y)>();
        for (int y = 0; y < w; y++)
        {
            for (int x = 0; x < w - y; x++)
            {
                var c = (2 * x + y, y);
                qubitOf[c] = coordOf.Count;
                coordOf.Add(c);
                ((x + 2 * y) % 3 == 2 ? measureCoords : dataCoords).Add(c);
            }
        }
        dataCoords.Sort();
        measureCoords.Sort();
        int[] data = [.. dataCoords.Select(c => qubitOf[c]).Order()];
        int[] measure = [.. measureCoords.Select(c => qubitOf[c]).Order()];
        int n = data.Length, m = measure.Length;
        var dataOrder = new Dictionary<int, int>();
        var measureOrder = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            dataOrder[data[i]] = i;
        }
        for (int i = 0; i < m; i++)
        {
            measureOrder[measure[i]] = i;
        }

        var cycle = new StimCircuitBuilder();
        noise.BeginRound(cycle, data);
        noise.Unitary1(cycle, "C_XYZ", data);
        foreach (var delta in Deltas)
        {
            var layer = new List<int>();
            foreach (var c in measureCoords)
            {
                if (qubitOf.TryGetValue((c.X2 + delta.X2, c.Y + delta.Y), out int dataQubit))
                {
                    layer.AddRange([dataQubit, qubitOf[c]]);
                }
            }
            cycle.Tick();
            noise.Unitary2(cycle, "CX", layer);
        }
        cycle.Tick();
        noise.MeasureReset(cycle, measure, 'Z');

        var circuit = new StimCircuitBuilder();
        for (int q = 0; q < coordOf.Count; q++)
        {
            circuit.Append("QUBIT_COORDS", [q], coordOf[q].X2 / 2.0, coordOf[q].Y);
        }
        noise.Reset(circuit, Enumerable.Range(0, coordOf.Count).ToArray(), 'Z');
        circuit.AppendRepeated(cycle, 2);
        // Measure qubit i of the last MR is rec[-(m - i)]; the same plaquette one and two rounds earlier adds m, 2m.
        for (int i = 0; i < m; i++)
        {
            var c = coordOf[measure[i]];
            circuit.Append("DETECTOR", [StimCircuitBuilder.Record(m - i), StimCircuitBuilder.Record(2 * m - i)], c.X2 / 2.0, c.Y, 0);
        }
        var body = cycle.Clone();
        body.Append("SHIFT_COORDS", Array.Empty<StimTarget>(), 0, 0, 1);
        for (int i = 0; i < m; i++)
        {
            var c = coordOf[measure[i]];
            body.Append("DETECTOR", [StimCircuitBuilder.Record(m - i), StimCircuitBuilder.Record(2 * m - i), StimCircuitBuilder.Record(3 * m - i)], c.X2 / 2.0, c.Y, 0);
        }
        circuit.AppendRepeated(body, rounds - 2);

        char basis = "ZXY"[(int)(rounds % 3)];
        noise.Measure(circuit, data, basis);
        foreach (int q in measure)
        {
            var c = coordOf[q];
            var records = new List<int>();
            foreach (var delta in Deltas)
            {
                if (qubitOf.TryGetValue((c.X2 + delta.X2, c.Y + delta.Y), out int dataQubit) && dataOrder.ContainsKey(dataQubit))
                {
                    records.Add(n - dataOrder[dataQubit]);
                }
            }
            // The data's basis equals the product of the last two rounds' Paulis (XY→Z, YZ→X, ZX→Y); which of the
            // last two plaquette results match it depends on rounds mod 3.
            int last = n + m - measureOrder[q];
            switch (rounds % 3)
            {
                case 0:
                    records.Add(last);
                    break;
                case 1:
                    records.Add(last + m);
                    break;
                default:
                    records.AddRange([last, last + m]);
                    break;
            }
            records.Sort();
            circuit.Append("DETECTOR", records.Select(StimCircuitBuilder.Record), c.X2 / 2.0, c.Y, 1);
        }
        var observable = dataCoords.Where(c => c.Y == 0).Select(c => n - dataOrder[qubitOf[c]]).Order();
        circuit.Append("OBSERVABLE_INCLUDE", observable.Select(StimCircuitBuilder.Record), 0);

        var layout = new Dictionary<(int X, int Y), (char Letter, int Qubit)>();
        foreach (var c in dataCoords)
        {
            layout[c] = (c.Y == 0 ? 'L' : 'd', qubitOf[c]);
        }
        foreach (var c in measureCoords)
        {
            layout[c] = ("RGB"[(c.X2 + c.Y) % 3], qubitOf[c]);
        }
        const string legend = "# Legend:\n#     d# = data qubit\n#     L# = data qubit with logical observable crossing\n" +
                              "#     R# = measurement qubit (red hex)\n#     G# = measurement qubit (green hex)\n#     B# = measurement qubit (blue hex)\n";
        return new GeneratedCircuit("color_code", "memory_xyz", rounds, distance, noise, layout, legend, circuit);
    }
}
