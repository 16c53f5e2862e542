namespace Qec.Circuits.Generation;

/// <summary>
/// The four noise flags of <c>stim gen</c> and where each puts its channel (Stim's circuit_gen_params):
/// <list type="bullet">
/// <item><c>after_clifford_depolarization</c>: DEPOLARIZE1/DEPOLARIZE2 after every H / CX layer;</item>
/// <item><c>before_round_data_depolarization</c>: DEPOLARIZE1 on the data qubits after each round's first TICK;</item>
/// <item><c>before_measure_flip_probability</c>: X_ERROR (Z_ERROR for X-basis) before each measurement;</item>
/// <item><c>after_reset_flip_probability</c>: X_ERROR (Z_ERROR for X-basis) after each reset.</item>
/// </list>
/// A zero probability adds no instruction. Each is a probability in [0, 1].
/// </summary>
public sealed record StimGenNoise(double AfterCliffordDepolarization = 0, double BeforeRoundDataDepolarization = 0,
    double BeforeMeasureFlipProbability = 0, double AfterResetFlipProbability = 0)
{
    /// <summary>No noise at all (the input of the SD6/SI1000 noise models).</summary>
    public static StimGenNoise None { get; } = new();

    /// <summary>Throws naming the flag when a probability is outside [0, 1].</summary>
    public void Validate()
    {
        Check(AfterCliffordDepolarization, "after_clifford_depolarization");
        Check(BeforeRoundDataDepolarization, "before_round_data_depolarization");
        Check(BeforeMeasureFlipProbability, "before_measure_flip_probability");
        Check(AfterResetFlipProbability, "after_reset_flip_probability");
    }

    /// <summary>The header lines <c>stim gen</c> prints for the flags, in its order.</summary>
    internal string HeaderLines() =>
        $"# before_round_data_depolarization: {StimCircuitBuilder.FormatNumber(BeforeRoundDataDepolarization)}\n" +
        $"# before_measure_flip_probability: {StimCircuitBuilder.FormatNumber(BeforeMeasureFlipProbability)}\n" +
        $"# after_reset_flip_probability: {StimCircuitBuilder.FormatNumber(AfterResetFlipProbability)}\n" +
        $"# after_clifford_depolarization: {StimCircuitBuilder.FormatNumber(AfterCliffordDepolarization)}\n";

    internal void BeginRound(StimCircuitBuilder c, IReadOnlyList<int> data)
    {
        c.Tick();
        AppendIf(c, "DEPOLARIZE1", data, BeforeRoundDataDepolarization);
    }

    internal void Unitary1(StimCircuitBuilder c, string gate, IReadOnlyList<int> targets)
    {
        c.Append(gate, targets);
        AppendIf(c, "DEPOLARIZE1", targets, AfterCliffordDepolarization);
    }

    internal void Unitary2(StimCircuitBuilder c, string gate, IReadOnlyList<int> targets)
    {
        c.Append(gate, targets);
        AppendIf(c, "DEPOLARIZE2", targets, AfterCliffordDepolarization);
    }

    internal void Reset(StimCircuitBuilder c, IReadOnlyList<int> targets, char basis)
    {
        c.Append(BasisGate("R", basis), targets);
        AntiBasisError(c, targets, AfterResetFlipProbability, basis);
    }

    internal void Measure(StimCircuitBuilder c, IReadOnlyList<int> targets, char basis)
    {
        AntiBasisError(c, targets, BeforeMeasureFlipProbability, basis);
        c.Append(BasisGate("M", basis), targets);
    }

    internal void MeasureReset(StimCircuitBuilder c, IReadOnlyList<int> targets, char basis)
    {
        AntiBasisError(c, targets, BeforeMeasureFlipProbability, basis);
        c.Append(BasisGate("MR", basis), targets);
        AntiBasisError(c, targets, AfterResetFlipProbability, basis);
    }

    /// <summary>Stim's canonical name of a Z/X/Y-basis reset or measurement: R, RX, RY, M, MX, MY, MR, MRX, MRY.</summary>
    private static string BasisGate(string gate, char basis) => basis == 'Z' ? gate : gate + basis;

    /// <summary>X_ERROR for Z- and Y-basis operations, Z_ERROR for X-basis ones (Stim's anti-basis error).</summary>
    private static void AntiBasisError(StimCircuitBuilder c, IReadOnlyList<int> targets, double p, char basis) =>
        AppendIf(c, basis == 'X' ? "Z_ERROR" : "X_ERROR", targets, p);

    private static void AppendIf(StimCircuitBuilder c, string channel, IReadOnlyList<int> targets, double p)
    {
        if (p > 0)
        {
            c.Append(channel, targets, p);
        }
    }

    private static void Check(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1], found {p}");
        }
    }
}
