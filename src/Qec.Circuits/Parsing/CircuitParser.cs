using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Qec.Circuits.Model;
using Qec.Core.Dem;

namespace Qec.Circuits.Parsing;

/// <summary>
/// Recursive-descent parser for the memory-experiment subset of Stim's circuit language. Grammar,
/// one instruction per line:
/// <code>
/// block       := { line }
/// line        := ws* [instruction | repeat | '}'] ws* ['#' comment] newline
/// repeat      := 'REPEAT' ['[' tag ']'] ws+ uint ws* '{' newline block '}'
/// instruction := name ['[' tag ']'] ['(' number {',' number} ')'] {ws+ target}
/// target      := uint | 'rec[-' uint ']'
/// </code>
/// Names are case-insensitive. Every problem throws <see cref="CircuitFormatException"/> naming the
/// line and column and quoting the bad token: unsupported instructions, bad arguments, probabilities
/// outside [0, 1], <c>REPEAT 0</c>, and <c>rec[-k]</c> reaching before the first measurement.
/// </summary>
internal sealed class CircuitParser : StimTextReader
{
    /// <summary>Measurements recorded before the current position, in the first pass through every block.</summary>
    private ulong _measurementsSoFar;

    private CircuitParser(string text, string source)
        : base(text, source)
    {
    }

    /// <summary>Parses a whole circuit.</summary>
    public static Circuit Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new CircuitParser(text, source);
        return new Circuit(parser.ParseBlock(openedAt: null), source);
    }

    private protected override Exception CreateError(int line, int column, string problem) => new CircuitFormatException(_source, line, column, problem);

    private ImmutableArray<CircuitOperation> ParseBlock((int Line, int Column)? openedAt)
    {
        var ops = ImmutableArray.CreateBuilder<CircuitOperation>();
        while (true)
        {
            SkipBlankSpace();
            if (AtEnd)
            {
                if (openedAt is { } o)
                {
                    throw ErrorAt(o.Line, o.Column, "the REPEAT block opened here is never closed: expected '}'");
                }
                return ops.ToImmutable();
            }
            if (Peek == '}')
            {
                if (openedAt is null)
                {
                    throw Error("unexpected '}': no REPEAT block is open");
                }
                _pos++;
                ExpectEndOfLine("after '}'");
                return ops.ToImmutable();
            }
            ops.Add(ParseOperation());
        }
    }

    private CircuitOperation ParseOperation()
    {
        int line = _line, column = Column;
        string name = ReadName();
        string upper = name.ToUpperInvariant();
        string tag = Peek == '[' ? ReadTag() : "";
        if (upper == "REPEAT")
        {
            return ParseRepeat(tag, line, column);
        }
        if (!GateTable.TryGet(upper, out var spec))
        {
            throw ErrorAt(line, column, $"unsupported instruction '{name}' (supported: {GateTable.SupportedList})");
        }
        var args = Peek == '(' ? ReadArgs(upper) : [];
        CheckArgs(spec, upper, args, line, column);
        var targets = ReadTargets(spec, upper);
        if (spec.Targets == TargetRule.QubitPairs && targets.Length % 2 != 0)
        {
            throw ErrorAt(line, column, $"{upper} takes qubits in pairs but got {targets.Length} targets");
        }
        if (Circuit.IsMeasurement(spec.Gate))
        {
            _measurementsSoFar += (ulong)targets.Length;
        }
        return new CircuitInstruction(spec.Gate, upper, [.. args.Select(a => a.Value)], targets, tag, line, column);
    }

    private CircuitRepeat ParseRepeat(string tag, int line, int column)
    {
        if (Peek == '(')
        {
            throw Error("REPEAT takes no parenthesised arguments");
        }
        SkipInlineSpace();
        int countColumn = Column;
        if (!char.IsAsciiDigit(Peek))
        {
            throw Error($"expected the repeat count after REPEAT but found {DescribeNext()}");
        }
        ulong count = ReadUInt("repeat count");
        if (count == 0)
        {
            throw ErrorAt(_line, countColumn, "REPEAT 0: a repeat block must run at least once");
        }
        SkipInlineSpace();
        if (Peek != '{')
        {
            throw Error($"expected '{{' after 'REPEAT {count}' but found {DescribeNext()}");
        }
        _pos++;
        ExpectEndOfLine("after '{'");
        ulong before = _measurementsSoFar;
        var body = ParseBlock((line, column));
        ulong perIteration = _measurementsSoFar - before;
        _measurementsSoFar = before + SaturatingMultiply(count, perIteration);
        return new CircuitRepeat(count, new Circuit(body, _source), tag, line, column);
    }

    private static ulong SaturatingMultiply(ulong a, ulong b) =>
        b != 0 && a > ulong.MaxValue / b ? ulong.MaxValue : a * b;

    private List<(double Value, int Column)> ReadArgs(string name)
    {
        _pos++;
        var args = new List<(double, int)>();
        SkipInlineSpace();
        if (Peek == ')')
        {
            _pos++;
            return args;
        }
        while (true)
        {
            SkipInlineSpace();
            int column = Column;
            int start = _pos;
            while (!AtEnd && Peek is not (',' or ')' or ' ' or '\t' or '\n' or '\r' or '#'))
            {
                _pos++;
            }
            string token = _text[start.._pos];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value))
            {
                throw ErrorAt(_line, column, $"bad argument '{token}' of {name}: expected a finite number");
            }
            args.Add((value, column));
            SkipInlineSpace();
            if (Peek == ',')
            {
                _pos++;
                continue;
            }
            if (Peek == ')')
            {
                _pos++;
                return args;
            }
            throw Error($"expected ',' or ')' in the arguments of {name} but found {DescribeNext()}");
        }
    }

    private void CheckArgs(GateSpec spec, string name, List<(double Value, int Column)> args, int line, int column)
    {
        switch (spec.Args)
        {
            case ArgRule.None when args.Count > 0:
                throw ErrorAt(line, column, $"{name} takes no parenthesised arguments but got {args.Count}");
            case ArgRule.OptionalProbability when args.Count > 1:
                throw ErrorAt(line, column, $"{name} takes at most one argument (a flip probability) but got {args.Count}");
            case ArgRule.Probability when args.Count != 1:
                throw ErrorAt(line, column, $"{name} takes exactly one argument (a probability) but got {args.Count}");
            case ArgRule.ThreeProbabilities when args.Count != 3:
                throw ErrorAt(line, column, $"{name} takes three arguments (px, py, pz) but got {args.Count}");
            case ArgRule.ObservableIndex when args.Count != 1:
                throw ErrorAt(line, column, $"{name} takes exactly one argument (the observable index) but got {args.Count}");
            case ArgRule.ObservableIndex:
                var (k, kColumn) = args[0];
                if (k < 0 || k != Math.Floor(k) || k > uint.MaxValue)
                {
                    throw ErrorAt(line, kColumn, $"bad observable index {Fmt(k)} of {name}: expected an integer from 0 to {uint.MaxValue}");
                }
                return;
        }
        if (spec.Args is ArgRule.OptionalProbability or ArgRule.Probability or ArgRule.ThreeProbabilities)
        {
            double sum = 0;
            foreach (var (p, pColumn) in args)
            {
                if (!(p >= 0 && p <= 1))
                {
                    throw ErrorAt(line, pColumn, $"probability {Fmt(p)} of {name} is outside [0, 1]");
                }
                sum += p;
            }
            if (sum > 1)
            {
                throw ErrorAt(line, column, $"the probabilities of {name} sum to {Fmt(sum)}, more than 1");
            }
        }
    }

    private ImmutableArray<int> ReadTargets(GateSpec spec, string name)
    {
        var targets = ImmutableArray.CreateBuilder<int>();
        while (true)
        {
            bool spaced = SkipInlineSpace();
            if (AtEnd || Peek is '\n' or '#')
            {
                ExpectEndOfLine("after the targets");
                return targets.ToImmutable();
            }
            int column = Column;
            if (!spaced)
            {
                throw Error($"expected a space before the targets of {name} but found {DescribeNext()}");
            }
            int start = _pos;
            while (!AtEnd && Peek is not (' ' or '\t' or '\n' or '\r' or '#'))
            {
                _pos++;
            }
            string token = _text[start.._pos];
            targets.Add(ParseTarget(spec, name, token, column, targets.Count, targets));
        }
    }

    private int ParseTarget(GateSpec spec, string name, string token, int column, int index, ImmutableArray<int>.Builder sofar)
    {
        if (spec.Targets == TargetRule.None)
        {
            throw ErrorAt(_line, column, $"{name} takes no targets but got '{token}'");
        }
        if (spec.Targets == TargetRule.Records)
        {
            if (!token.StartsWith("rec[-", StringComparison.OrdinalIgnoreCase) || !token.EndsWith(']')
                || !int.TryParse(token.AsSpan(5, token.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out int k))
            {
                throw ErrorAt(_line, column, $"bad target '{token}' of {name}: expected a measurement record rec[-k]");
            }
            if (k == 0)
            {
                throw ErrorAt(_line, column, $"bad target '{token}' of {name}: record offsets start at rec[-1]");
            }
            if ((ulong)k > _measurementsSoFar)
            {
                throw ErrorAt(_line, column,
                    $"'{token}' of {name} refers to a measurement before the circuit's first one "
                    + $"(only {_measurementsSoFar} measurement{(_measurementsSoFar == 1 ? "" : "s")} so far)");
            }
            return -k;
        }
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int q) || q >= 1 << 24)
        {
            string hint = token.StartsWith("rec[", StringComparison.OrdinalIgnoreCase)
                ? " (measurement records as controls are not supported)"
                : " (inverted '!', Pauli and sweep targets are not supported)";
            throw ErrorAt(_line, column, $"bad target '{token}' of {name}: expected a qubit index below 16777216{hint}");
        }
        if (spec.Targets == TargetRule.QubitPairs && index % 2 == 1 && sofar[index - 1] == q)
        {
            throw ErrorAt(_line, column, $"{name} pairs a qubit with itself ({q} {q}): the two qubits of a pair must differ");
        }
        return q;
    }

    private ulong ReadUInt(string what)
    {
        int start = _pos;
        while (char.IsAsciiDigit(Peek))
        {
            _pos++;
        }
        if (!ulong.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
        {
            throw ErrorAt(_line, start - _lineStart + 1, $"{what} '{_text[start.._pos]}' is too large");
        }
        return v;
    }

    /// <summary>Skips spaces and tabs (and '\r'); returns whether any were skipped.</summary>
    private bool SkipInlineSpace()
    {
        int start = _pos;
        while (!AtEnd && Peek is ' ' or '\t' or '\r')
        {
            _pos++;
        }
        return _pos > start;
    }

    /// <summary>Skips whitespace, newlines and comments between instructions.</summary>
    private void SkipBlankSpace()
    {
        while (!AtEnd)
        {
            char c = Peek;
            if (c == '\n')
            {
                NewLine();
            }
            else if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '#')
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void ExpectEndOfLine(string context)
    {
        SkipInlineSpace();
        if (Peek == '#')
        {
            SkipComment();
        }
        if (AtEnd)
        {
            return;
        }
        if (Peek != '\n')
        {
            throw Error($"unexpected {DescribeNext()} {context}: expected the end of the line");
        }
        NewLine();
    }

    private void SkipComment()
    {
        while (!AtEnd && Peek != '\n')
        {
            _pos++;
        }
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
