using System.Collections.Immutable;

namespace Qec.Circuits.Model;

/// <summary>
/// A Stim circuit as its instruction tree (repeat blocks are kept, not unrolled). Immutable;
/// counts are computed once, multiplying each block's body by its repeat count.
/// </summary>
public sealed class Circuit
{
    /// <summary>Wraps an operation list (a whole circuit or a repeat block's body).</summary>
    public Circuit(ImmutableArray<CircuitOperation> operations, string sourceName = "<string>")
    {
        Operations = operations;
        SourceName = sourceName;
        foreach (var op in operations)
        {
            switch (op)
            {
                case CircuitInstruction i:
                    Count(i);
                    break;
                case CircuitRepeat r:
                    NumMeasurements += r.Count * r.Body.NumMeasurements;
                    NumDetectors += r.Count * r.Body.NumDetectors;
                    NumTicks += r.Count * r.Body.NumTicks;
                    NumQubits = Math.Max(NumQubits, r.Body.NumQubits);
                    break;
            }
        }
    }

    /// <summary>Top-level operations in file order.</summary>
    public ImmutableArray<CircuitOperation> Operations { get; }

    /// <summary>Where the circuit came from (a path or <c>&lt;string&gt;</c>), for messages.</summary>
    public string SourceName { get; }

    /// <summary>1 + the largest qubit index used (0 for no qubits).</summary>
    public int NumQubits { get; private set; }

    /// <summary>Measurement results recorded, with repeat blocks unrolled.</summary>
    public ulong NumMeasurements { get; private set; }

    /// <summary>Detectors declared, with repeat blocks unrolled.</summary>
    public ulong NumDetectors { get; private set; }

    /// <summary>TICKs, with repeat blocks unrolled.</summary>
    public ulong NumTicks { get; private set; }

    /// <summary>Parses Stim circuit text; throws <see cref="Parsing.CircuitFormatException"/> with line and column.</summary>
    public static Circuit Parse(string text, string sourceName = "<string>") => Parsing.CircuitParser.Parse(text, sourceName);

    /// <summary>Reads and parses a <c>.stim</c> file.</summary>
    public static Circuit Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Whether the gate records one measurement result per target.</summary>
    public static bool IsMeasurement(GateKind gate) =>
        gate is GateKind.M or GateKind.MX or GateKind.MY or GateKind.MR or GateKind.MRX;

    private void Count(CircuitInstruction i)
    {
        if (IsMeasurement(i.Gate))
        {
            NumMeasurements += (ulong)i.Targets.Length;
        }
        else if (i.Gate == GateKind.Detector)
        {
            NumDetectors++;
        }
        else if (i.Gate == GateKind.Tick)
        {
            NumTicks++;
        }
        if (i.Gate is not (GateKind.Detector or GateKind.ObservableInclude))
        {
            foreach (int q in i.Targets)
            {
                NumQubits = Math.Max(NumQubits, q + 1);
            }
        }
    }
}
