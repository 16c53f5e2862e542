using System.Globalization;
using System.Text;

namespace Qec.Circuits.Generation;

/// <summary>
/// Builds Stim circuit text the way Stim's own <c>Circuit</c> prints it: canonical gate names, arguments
/// in C's <c>%g</c> (6 significant digits), <c>rec[-k]</c> targets, 4-space indented <c>REPEAT</c> bodies, and
/// an appended operation fused into the previous one when both are the same fusable gate with the same
/// arguments (Stim's <c>safe_append</c>; annotations, <c>TICK</c> and <c>REPEAT</c> never fuse).
/// Invariant: every operation holds at least one target unless it is <c>TICK</c> or <c>SHIFT_COORDS</c>.
/// </summary>
public sealed class StimCircuitBuilder
{
    private static readonly HashSet<string> NotFusable = new(StringComparer.Ordinal)
    {
        "TICK", "DETECTOR", "OBSERVABLE_INCLUDE", "QUBIT_COORDS", "SHIFT_COORDS", "REPEAT",
    };

    private readonly List<Item> _items = [];

    /// <summary>A qubit target.</summary>
    public static StimTarget Qubit(int q) => new(q);

    /// <summary>The measurement record target <c>rec[-k]</c>, k ≥ 1.</summary>
    public static StimTarget Record(int k) => new(-k);

    /// <summary>Whether nothing was appended.</summary>
    public bool IsEmpty => _items.Count == 0;

    /// <summary>Appends <paramref name="gate"/> on qubits (skipped when there are none), fusing as Stim does.</summary>
    public StimCircuitBuilder Append(string gate, IEnumerable<int> qubits, params double[] args) =>
        Append(gate, qubits.Select(Qubit), args);

    /// <summary>Appends <paramref name="gate"/> on targets (skipped when there are none, except TICK and SHIFT_COORDS), fusing as Stim does.</summary>
    public StimCircuitBuilder Append(string gate, IEnumerable<StimTarget> targets, params double[] args)
    {
        var list = targets.ToList();
        if (list.Count == 0 && gate is not ("TICK" or "SHIFT_COORDS"))
        {
            return this;
        }
        if (!NotFusable.Contains(gate) && _items.Count > 0 && _items[^1] is Operation last && last.Gate == gate && last.Args.AsSpan().SequenceEqual(args))
        {
            last.Targets.AddRange(list);
            return this;
        }
        _items.Add(new Operation(gate, args, list));
        return this;
    }

    /// <summary>Appends a <c>TICK</c>.</summary>
    public StimCircuitBuilder Tick() => Append("TICK", Array.Empty<StimTarget>());

    /// <summary>Appends <paramref name="body"/>: inline when repeated once, as <c>REPEAT n { … }</c> when more, nothing when 0.</summary>
    public StimCircuitBuilder AppendRepeated(StimCircuitBuilder body, long repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repetitions);
        if (repetitions == 1)
        {
            foreach (var item in body._items)
            {
                _items.Add(item is Operation op ? op with { Targets = [.. op.Targets] } : item);
            }
        }
        else if (repetitions > 1)
        {
            _items.Add(new Repeat(repetitions, body.Clone()));
        }
        return this;
    }

    /// <summary>A deep copy.</summary>
    public StimCircuitBuilder Clone()
    {
        var copy = new StimCircuitBuilder();
        copy.AppendRepeated(this, 1);
        return copy;
    }

    /// <summary>The operations in order (a REPEAT body is one <see cref="Repeat"/> item).</summary>
    internal IReadOnlyList<Item> Items => _items;

    /// <summary>Stim's text: one instruction per line, each ending in a newline.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text, "");
        return text.ToString();
    }

    private void Write(StringBuilder text, string indent)
    {
        foreach (var item in _items)
        {
            switch (item)
            {
                case Operation op:
                    text.Append(indent).Append(op.Gate);
                    if (op.Args.Length > 0)
                    {
                        text.Append('(').AppendJoin(", ", op.Args.Select(FormatNumber)).Append(')');
                    }
                    foreach (var t in op.Targets)
                    {
                        text.Append(' ').Append(t.ToString());
                    }
                    text.Append('\n');
                    break;
                case Repeat r:
                    text.Append(indent).Append("REPEAT ").Append(r.Count.ToString(CultureInfo.InvariantCulture)).Append(" {\n");
                    r.Body.Write(text, indent + "    ");
                    text.Append(indent).Append("}\n");
                    break;
                default:
                    throw new InvalidOperationException($"unknown circuit item {item.GetType().Name}");
            }
        }
    }

    /// <summary>A number as C's <c>%g</c> prints it (what <c>std::ostream &lt;&lt; double</c> gives Stim): 6 significant digits, lowercase exponent of at least 2 digits.</summary>
    public static string FormatNumber(double value)
    {
        string s = value.ToString("G6", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e < 0)
        {
            return s;
        }
        // .NET prints E-05 / E+15; C prints e-05 / e+15: only the letter differs.
        return string.Concat(s.AsSpan(0, e), "e", s.AsSpan(e + 1));
    }

    /// <summary>One item of a circuit.</summary>
    internal abstract record Item;

    /// <summary>A gate, noise channel or annotation and its targets.</summary>
    internal sealed record Operation(string Gate, double[] Args, List<StimTarget> Targets) : Item;

    /// <summary>A <c>REPEAT</c> block.</summary>
    internal sealed record Repeat(long Count, StimCircuitBuilder Body) : Item;
}

/// <summary>A qubit (value ≥ 0) or a measurement record <c>rec[value]</c> (value &lt; 0).</summary>
public readonly record struct StimTarget(int Value)
{
    /// <summary>Whether this is a measurement record target.</summary>
    public bool IsRecord => Value < 0;

    /// <inheritdoc/>
    public override string ToString() => IsRecord
        ? $"rec[{Value.ToString(CultureInfo.InvariantCulture)}]"
        : Value.ToString(CultureInfo.InvariantCulture);
}
