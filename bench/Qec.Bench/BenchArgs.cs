using System.Globalization;

namespace Qec.Bench;

/// <summary>
/// The <c>--name value</c> options of a bench command (lists comma-separated: <c>--p 0.01,0.03</c>).
/// Unknown names, a missing value and a value that does not parse throw <see cref="BenchArgsException"/>
/// naming the command, the option and what was expected; Program.cs prints it and exits with code 2.
/// </summary>
internal sealed class BenchArgs
{
    private readonly string _command;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="args"/>; every name must be one of <paramref name="known"/> (without the dashes).</summary>
    public BenchArgs(string command, string[] args, params string[] known)
    {
        _command = command;
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (Array.IndexOf(known, name) < 0)
            {
                throw new BenchArgsException($"{command}: unknown argument '{args[i]}'; options are --{string.Join(", --", known)}");
            }
            if (i + 1 >= args.Length)
            {
                throw new BenchArgsException($"{command}: option --{name} needs a value");
            }
            _values[name] = args[i + 1];
        }
    }

    /// <summary>A text option.</summary>
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>A comma-separated list of names.</summary>
    public string[] Names(string name, string[] fallback) =>
        _values.TryGetValue(name, out var text) ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;

    /// <summary>A positive integer (underscores allowed: 1_000_000).</summary>
    public int Int(string name, int fallback) => _values.TryGetValue(name, out var text) ? ParseInt(name, text) : fallback;

    /// <summary>A comma-separated list of positive integers.</summary>
    public int[] Ints(string name, int[] fallback) =>
        _values.TryGetValue(name, out var text) ? Array.ConvertAll(text.Split(','), item => ParseInt(name, item)) : fallback;

    /// <summary>A comma-separated list of probabilities in (0, 0.5].</summary>
    public double[] Probabilities(string name, double[] fallback) =>
        _values.TryGetValue(name, out var text) ? Array.ConvertAll(text.Split(','), item => ParseProbability(name, item)) : fallback;

    /// <summary>A seed: the option's value, else a fresh random one (printed by the caller, so a run can be repeated).</summary>
    public ulong Seed(string name) => !_values.TryGetValue(name, out var text)
        ? (ulong)Random.Shared.NextInt64()
        : ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) ? seed : throw Bad(name, text, "a non-negative integer");

    private int ParseInt(string name, string text) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw Bad(name, text, "a positive integer");

    private double ParseProbability(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value <= 0.5
            ? value
            : throw Bad(name, text, "a probability in (0, 0.5]");

    private BenchArgsException Bad(string name, string text, string expected) => new($"{_command}: --{name} {text}: expected {expected}");
}
