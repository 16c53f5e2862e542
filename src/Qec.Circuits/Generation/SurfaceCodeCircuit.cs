namespace Qec.Circuits.Generation;

/// <summary>
/// Surface-code memory experiments as <c>stim gen --code surface_code</c> makes them (tasks
/// rotated_memory_z/x, unrotated_memory_z/x). A round: TICK, H on X-type measure qubits, four CX layers
/// in the given interaction orders (measure→data for X checks, data→measure for Z checks), H, MR. The
/// first round's detectors compare the chosen-basis checks with the initial state, later rounds with the
/// round before, the last ones with the data measured in the memory basis. Coordinates are integers
/// (the rotated code doubled, so data sit on odd points and measure qubits on even ones).
/// </summary>
public static class SurfaceCodeCircuit
{
    /// <summary>The tasks this generator knows.</summary>
    public static readonly string[] Tasks = ["rotated_memory_x", "rotated_memory_z", "unrotated_memory_x", "unrotated_memory_z"];

    // Interaction orders (Stim's): the rotated code's X and Z orders differ so hook errors run against the
    // logical operator's grain; the unrotated code uses one order for both.
    private static readonly (int X, int Y)[] RotatedZOrder = [(1, 1), (1, -1), (-1, 1), (-1, -1)];
    private static readonly (int X, int Y)[] RotatedXOrder = [(1, 1), (-1, 1), (1, -1), (-1, -1)];
    private static readonly (int X, int Y)[] UnrotatedOrder = [(1, 0), (0, 1), (0, -1), (-1, 0)];

    /// <summary>Generates the circuit of <paramref name="task"/> (one of <see cref="Tasks"/>).</summary>
    public static GeneratedCircuit Generate(string task, int distance, long rounds, StimGenNoise noise)
    {
        CheckSizes(distance, rounds);
        noise.Validate();
        return task switch
        {
            "rotated_memory_x" => Rotated(distance, rounds, noise, task, memoryX: true),
            "rotated_memory_z" => Rotated(distance, rounds, noise, task, memoryX: false),
            "unrotated_memory_x" => Unrotated(distance, rounds, noise, task, memoryX: true),
            "unrotated_memory_z" => Unrotated(distance, rounds, noise, task, memoryX: false),
            _ => throw new ArgumentException($"unknown surface_code task '{task}': known tasks are {string.Join(", ", Tasks)}"),
        };
    }

    /// <summary>Throws unless distance ≥ 2 and rounds ≥ 1 (Stim's limits).</summary>
    internal static void CheckSizes(int distance, long rounds)
    {
        if (rounds < 1)
        {
            throw new ArgumentException($"rounds must be at least 1, found {rounds}");
        }
        if (distance < 2)
        {
            throw new ArgumentException($"distance must be at least 2, found {distance}");
        }
    }

    private static GeneratedCircuit Rotated(int d, long rounds, StimGenNoise noise, string task, bool memoryX)
    {
        var data = new List<(int X, int Y)>();
        var xObservable = new List<(int X, int Y)>();
        var zObservable = new List<(int X, int Y)>();
        for (int x = 1; x < 2 * d; x += 2)
        {
            for (int y = 1; y < 2 * d; y += 2)
            {
                data.Add((x, y));
                if (y == 1)
                {
                    zObservable.Add((x, y));
                }
                if (x == 1)
                {
                    xObservable.Add((x, y));
                }
            }
        }
        var xMeasure = new List<(int X, int Y)>();
        var zMeasure = new List<(int X, int Y)>();
        for (int x = 0; x <= d; x++)
        {
            for (int y = 0; y <= d; y++)
            {
                bool parity = x % 2 != y % 2;
                // X checks are cut off the left/right boundary, Z checks off the top/bottom one.
                if ((parity && (x == 0 || x == d)) || (!parity && (y == 0 || y == d)))
                {
                    continue;
                }
                (parity ? xMeasure : zMeasure).Add((2 * x, 2 * y));
            }
        }
        // Index: column x plus (2d + 1) per pair of rows (odd rows fold onto the even row below).
        int Index((int X, int Y) q) => q.X + (q.Y - q.X % 2) / 2 * (2 * d + 1);
        var layout = new Layout(data, xMeasure, zMeasure, Index);
        return Finish(layout, noise, RotatedXOrder, RotatedZOrder, xObservable, zObservable, memoryX, d, rounds, task);
    }

    private static GeneratedCircuit Unrotated(int d, long rounds, StimGenNoise noise, string task, bool memoryX)
    {
        var data = new List<(int X, int Y)>();
        var xMeasure = new List<(int X, int Y)>();
        var zMeasure = new List<(int X, int Y)>();
        var xObservable = new List<(int X, int Y)>();
        var zObservable = new List<(int X, int Y)>();
        for (int x = 0; x < 2 * d - 1; x++)
        {
            for (int y = 0; y < 2 * d - 1; y++)
            {
                if (x % 2 != y % 2)
                {
                    (x % 2 == 0 ? zMeasure : xMeasure).Add((x, y));
                    continue;
                }
                data.Add((x, y));
                if (x == 0)
                {
                    xObservable.Add((x, y));
                }
                if (y == 0)
                {
                    zObservable.Add((x, y));
                }
            }
        }
        var layout = new Layout(data, xMeasure, zMeasure, q => q.X + q.Y * (2 * d - 1));
        return Finish(layout, noise, UnrotatedOrder, UnrotatedOrder, xObservable, zObservable, memoryX, d, rounds, task);
    }

    /// <summary>Qubit placement: coordinates (sorted by x then y, as Stim's sets) and their indices.</summary>
    private sealed class Layout
    {
        public Layout(List<(int X, int Y)> data, List<(int X, int Y)> xMeasure, List<(int X, int Y)> zMeasure, Func<(int X, int Y), int> index)
        {
            Data = [.. data.Order()];
            XMeasure = [.. xMeasure.Order()];
            ZMeasure = [.. zMeasure.Order()];
            foreach (var q in Data.Concat(XMeasure).Concat(ZMeasure))
            {
                QubitOf[q] = index(q);
                CoordOfQubit[QubitOf[q]] = q;
            }
            DataQubits = [.. Data.Select(q => QubitOf[q]).Order()];
            MeasureQubits = [.. XMeasure.Concat(ZMeasure).Select(q => QubitOf[q]).Order()];
            XMeasureQubits = [.. XMeasure.Select(q => QubitOf[q]).Order()];
            for (int i = 0; i < DataQubits.Length; i++)
            {
                DataOrder[DataQubits[i]] = i;
            }
            for (int i = 0; i < MeasureQubits.Length; i++)
            {
                MeasureOrder[MeasureQubits[i]] = i;
            }
        }

        public (int X, int Y)[] Data { get; }
        public (int X, int Y)[] XMeasure { get; }
        public (int X, int Y)[] ZMeasure { get; }
        public Dictionary<(int X, int Y), int> QubitOf { get; } = [];
        public int[] DataQubits { get; }
        public int[] MeasureQubits { get; }
        public int[] XMeasureQubits { get; }

        /// <summary>Qubit → position among the measured data qubits (index order), i.e. its record in the final M.</summary>
        public Dictionary<int, int> DataOrder { get; } = [];

        /// <summary>Qubit → position among the measure qubits (index order), i.e. its record in each MR.</summary>
        public Dictionary<int, int> MeasureOrder { get; } = [];

        /// <summary>The inverse of <see cref="QubitOf"/> (the index maps are injective).</summary>
        public Dictionary<int, (int X, int Y)> CoordOfQubit { get; } = [];
    }

    private static GeneratedCircuit Finish(Layout q, StimGenNoise noise, (int X, int Y)[] xOrder, (int X, int Y)[] zOrder,
        List<(int X, int Y)> xObservable, List<(int X, int Y)> zObservable, bool memoryX, int d, long rounds, string task)
    {
        char basis = memoryX ? 'X' : 'Z';
        var chosenChecks = memoryX ? q.XMeasure : q.ZMeasure;
        var chosenObservable = memoryX ? xObservable : zObservable;
        int m = q.MeasureQubits.Length, n = q.DataQubits.Length;

        var cnotLayers = new List<int>[4];
        for (int k = 0; k < 4; k++)
        {
            cnotLayers[k] = [];
            foreach (var check in q.XMeasure)
            {
                if (q.QubitOf.TryGetValue((check.X + xOrder[k].X, check.Y + xOrder[k].Y), out int target))
                {
                    cnotLayers[k].AddRange([q.QubitOf[check], target]);
                }
            }
            foreach (var check in q.ZMeasure)
            {
                if (q.QubitOf.TryGetValue((check.X + zOrder[k].X, check.Y + zOrder[k].Y), out int control))
                {
                    cnotLayers[k].AddRange([control, q.QubitOf[check]]);
                }
            }
        }

        var cycle = new StimCircuitBuilder();
        noise.BeginRound(cycle, q.DataQubits);
        noise.Unitary1(cycle, "H", q.XMeasureQubits);
        foreach (var layer in cnotLayers)
        {
            cycle.Tick();
            noise.Unitary2(cycle, "CX", layer);
        }
        cycle.Tick();
        noise.Unitary1(cycle, "H", q.XMeasureQubits);
        cycle.Tick();
        noise.MeasureReset(cycle, q.MeasureQubits, 'Z');

        var circuit = new StimCircuitBuilder();
        foreach (var (qubit, coord) in q.CoordOfQubit.OrderBy(kv => kv.Key))
        {
            circuit.Append("QUBIT_COORDS", [qubit], coord.X, coord.Y);
        }
        noise.Reset(circuit, q.DataQubits, basis);
        noise.Reset(circuit, q.MeasureQubits, 'Z');
        circuit.AppendRepeated(cycle, 1);
        foreach (var check in chosenChecks)
        {
            circuit.Append("DETECTOR", [StimCircuitBuilder.Record(m - q.MeasureOrder[q.QubitOf[check]])], check.X, check.Y, 0);
        }

        var body = cycle.Clone();
        body.Append("SHIFT_COORDS", Array.Empty<StimTarget>(), 0, 0, 1);
        foreach (int qubit in q.MeasureQubits)
        {
            var coord = q.CoordOfQubit[qubit];
            int k = m - q.MeasureOrder[qubit];
            body.Append("DETECTOR", [StimCircuitBuilder.Record(k), StimCircuitBuilder.Record(k + m)], coord.X, coord.Y, 0);
        }
        circuit.AppendRepeated(body, rounds - 1);

        noise.Measure(circuit, q.DataQubits, basis);
        foreach (var check in chosenChecks)
        {
            // Stim walks z_order here for both bases (the neighbours are the same set either way).
            var records = new List<int>();
            foreach (var delta in zOrder)
            {
                if (q.QubitOf.TryGetValue((check.X + delta.X, check.Y + delta.Y), out int dataQubit))
                {
                    records.Add(n - q.DataOrder[dataQubit]);
                }
            }
            records.Add(n + m - q.MeasureOrder[q.QubitOf[check]]);
            records.Sort();
            circuit.Append("DETECTOR", records.Select(StimCircuitBuilder.Record), check.X, check.Y, 1);
        }
        var observable = chosenObservable.Select(c => n - q.DataOrder[q.QubitOf[c]]).Order();
        circuit.Append("OBSERVABLE_INCLUDE", observable.Select(StimCircuitBuilder.Record), 0);

        var drawing = new Dictionary<(int X, int Y), (char Letter, int Qubit)>();
        foreach (var c in q.Data)
        {
            drawing[c] = ('d', q.QubitOf[c]);
        }
        foreach (var c in q.XMeasure)
        {
            drawing[c] = ('X', q.QubitOf[c]);
        }
        foreach (var c in q.ZMeasure)
        {
            drawing[c] = ('Z', q.QubitOf[c]);
        }
        foreach (var c in chosenObservable)
        {
            drawing[c] = ('L', q.QubitOf[c]);
        }
        const string legend = "# Legend:\n#     d# = data qubit\n#     L# = data qubit with logical observable crossing\n" +
                              "#     X# = measurement qubit (X stabilizer)\n#     Z# = measurement qubit (Z stabilizer)\n";
        return new GeneratedCircuit("surface_code", task, rounds, d, noise, drawing, legend, circuit);
    }
}
