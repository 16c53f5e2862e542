using System.Collections.Frozen;
using Qec.Circuits.Model;

namespace Qec.Circuits.Parsing;

/// <summary>What parenthesised arguments an instruction takes.</summary>
internal enum ArgRule : byte
{
    /// <summary>No parentheses.</summary>
    None,
    /// <summary>Zero or one probability in [0, 1] (a measurement's flip probability).</summary>
    OptionalProbability,
    /// <summary>Exactly one probability in [0, 1].</summary>
    Probability,
    /// <summary>Exactly three probabilities in [0, 1] summing to at most 1.</summary>
    ThreeProbabilities,
    /// <summary>Any number of finite numbers (coordinates).</summary>
    Numbers,
    /// <summary>Exactly one non-negative integer (an observable index).</summary>
    ObservableIndex,
}

/// <summary>What targets an instruction takes.</summary>
internal enum TargetRule : byte
{
    /// <summary>No targets.</summary>
    None,
    /// <summary>Qubit indices.</summary>
    Qubits,
    /// <summary>Qubit indices in pairs of two different qubits.</summary>
    QubitPairs,
    /// <summary>Measurement-record targets <c>rec[-k]</c>.</summary>
    Records,
}

/// <summary>One row of the gate table.</summary>
internal readonly record struct GateSpec(GateKind Gate, string CanonicalName, ArgRule Args, TargetRule Targets);

/// <summary>The supported instruction names (upper case, aliases included) and their rules.</summary>
internal static class GateTable
{
    private static readonly FrozenDictionary<string, GateSpec> ByName = Build();

    /// <summary>The supported names, for the unsupported-instruction message.</summary>
    public static string SupportedList { get; } =
        "QUBIT_COORDS, R/RX/RY, M/MX/MY, MR/MRX, H, S, SQRT_X, C_XYZ, CX/CNOT/ZCX, CZ, CY, SWAP, TICK, DETECTOR, "
        + "OBSERVABLE_INCLUDE, SHIFT_COORDS, REPEAT, X_ERROR, Y_ERROR, Z_ERROR, DEPOLARIZE1, DEPOLARIZE2, PAULI_CHANNEL_1";

    /// <summary>Looks up an upper-cased name.</summary>
    public static bool TryGet(string upperName, out GateSpec spec) => ByName.TryGetValue(upperName, out spec);

    private static FrozenDictionary<string, GateSpec> Build()
    {
        var d = new Dictionary<string, GateSpec>();
        void Add(GateKind g, string canonical, ArgRule a, TargetRule t, params string[] aliases)
        {
            var spec = new GateSpec(g, canonical, a, t);
            d.Add(canonical, spec);
            foreach (var alias in aliases)
            {
                d.Add(alias, spec);
            }
        }
        Add(GateKind.QubitCoords, "QUBIT_COORDS", ArgRule.Numbers, TargetRule.Qubits);
        Add(GateKind.R, "R", ArgRule.None, TargetRule.Qubits, "RZ");
        Add(GateKind.RX, "RX", ArgRule.None, TargetRule.Qubits);
        Add(GateKind.RY, "RY", ArgRule.None, TargetRule.Qubits);
        Add(GateKind.M, "M", ArgRule.OptionalProbability, TargetRule.Qubits, "MZ");
        Add(GateKind.MX, "MX", ArgRule.OptionalProbability, TargetRule.Qubits);
        Add(GateKind.MY, "MY", ArgRule.OptionalProbability, TargetRule.Qubits);
        Add(GateKind.MR, "MR", ArgRule.OptionalProbability, TargetRule.Qubits, "MRZ");
        Add(GateKind.MRX, "MRX", ArgRule.OptionalProbability, TargetRule.Qubits);
        Add(GateKind.H, "H", ArgRule.None, TargetRule.Qubits, "H_XZ");
        Add(GateKind.S, "S", ArgRule.None, TargetRule.Qubits, "SQRT_Z");
        Add(GateKind.SqrtX, "SQRT_X", ArgRule.None, TargetRule.Qubits);
        Add(GateKind.CXyz, "C_XYZ", ArgRule.None, TargetRule.Qubits);
        Add(GateKind.CX, "CX", ArgRule.None, TargetRule.QubitPairs, "CNOT", "ZCX");
        Add(GateKind.CZ, "CZ", ArgRule.None, TargetRule.QubitPairs, "ZCZ");
        Add(GateKind.CY, "CY", ArgRule.None, TargetRule.QubitPairs, "ZCY");
        Add(GateKind.Swap, "SWAP", ArgRule.None, TargetRule.QubitPairs);
        Add(GateKind.Tick, "TICK", ArgRule.None, TargetRule.None);
        Add(GateKind.Detector, "DETECTOR", ArgRule.Numbers, TargetRule.Records);
        Add(GateKind.ObservableInclude, "OBSERVABLE_INCLUDE", ArgRule.ObservableIndex, TargetRule.Records);
        Add(GateKind.ShiftCoords, "SHIFT_COORDS", ArgRule.Numbers, TargetRule.None);
        Add(GateKind.XError, "X_ERROR", ArgRule.Probability, TargetRule.Qubits);
        Add(GateKind.YError, "Y_ERROR", ArgRule.Probability, TargetRule.Qubits);
        Add(GateKind.ZError, "Z_ERROR", ArgRule.Probability, TargetRule.Qubits);
        Add(GateKind.Depolarize1, "DEPOLARIZE1", ArgRule.Probability, TargetRule.Qubits);
        Add(GateKind.Depolarize2, "DEPOLARIZE2", ArgRule.Probability, TargetRule.QubitPairs);
        Add(GateKind.PauliChannel1, "PAULI_CHANNEL_1", ArgRule.ThreeProbabilities, TargetRule.Qubits);
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
