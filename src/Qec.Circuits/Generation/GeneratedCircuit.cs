using System.Globalization;
using System.Text;

namespace Qec.Circuits.Generation;

/// <summary>
/// A generated memory circuit and the comment header <c>stim gen</c> prints above it: code, task,
/// rounds, distance, the four noise flags, a 2-D layout of the qubits and its legend.
/// </summary>
/// <param name="Code">Stim's code name, e.g. <c>surface_code</c>.</param>
/// <param name="Task">Stim's task name, e.g. <c>rotated_memory_z</c>.</param>
/// <param name="Rounds">Rounds of stabilizer measurement.</param>
/// <param name="Distance">Code distance.</param>
/// <param name="Noise">The noise flags the circuit was generated with.</param>
/// <param name="Layout">Cell (column, row) → (letter, qubit index); row 0 is printed last.</param>
/// <param name="Legend">The legend lines (each starting with <c>#</c>, ending with a newline).</param>
/// <param name="Circuit">The circuit.</param>
/// <param name="NoiseModelLine">When a <see cref="CircuitNoiseModel"/> was applied, the header line naming it (printed instead of the four flags).</param>
public sealed record GeneratedCircuit(string Code, string Task, long Rounds, int Distance, StimGenNoise Noise,
    IReadOnlyDictionary<(int X, int Y), (char Letter, int Qubit)> Layout, string Legend, StimCircuitBuilder Circuit,
    string? NoiseModelLine = null)
{
    /// <summary>Exactly the text <c>stim gen</c> writes: header, layout, legend, circuit (the noise-model line instead of the flags when one was applied).</summary>
    public string ToStimText() =>
        $"# Generated {Code} circuit.\n# task: {Task}\n# rounds: {Rounds.ToString(CultureInfo.InvariantCulture)}\n" +
        $"# distance: {Distance.ToString(CultureInfo.InvariantCulture)}\n" + (NoiseModelLine ?? Noise.HeaderLines()) + "# layout:\n" +
        LayoutText() + Legend + Circuit;

    /// <summary>This (noiseless) circuit with <paramref name="model"/> applied moment by moment.</summary>
    public GeneratedCircuit WithNoise(CircuitNoiseModel model, double p)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Noise != StimGenNoise.None)
        {
            throw new ArgumentException("a noise model is applied to the noiseless circuit: leave out the stim gen noise flags");
        }
        return this with
        {
            Circuit = model.Apply(Circuit),
            NoiseModelLine = $"# noise: {model.Name} p={StimCircuitBuilder.FormatNumber(p)} (Gidney et al., A Fault-Tolerant Honeycomb Memory, 2021)\n",
        };
    }

    /// <summary>
    /// The layout drawing: one line per row from the highest row down, each cell a space and the entry
    /// padded to the longest entry (empty cells left blank, rows end at their last entry).
    /// </summary>
    public string LayoutText()
    {
        int rows = 0, width = 0;
        foreach (var ((x, y), (letter, qubit)) in Layout)
        {
            rows = Math.Max(rows, y + 1);
            width = Math.Max(width, 1 + qubit.ToString(CultureInfo.InvariantCulture).Length);
        }
        var text = new StringBuilder();
        for (int y = rows - 1; y >= 0; y--)
        {
            int last = -1;
            foreach (var key in Layout.Keys)
            {
                last = key.Y == y ? Math.Max(last, key.X) : last;
            }
            text.Append('#');
            for (int x = 0; x <= last; x++)
            {
                string entry = Layout.TryGetValue((x, y), out var cell) ? cell.Letter + cell.Qubit.ToString(CultureInfo.InvariantCulture) : "";
                text.Append(' ').Append(entry).Append(' ', width - entry.Length);
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
