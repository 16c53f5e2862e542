using System.Collections.Immutable;
using System.Globalization;

namespace Qec.Core.Dem;

/// <summary>
/// Recursive-descent parser for Stim's detector error model text. Grammar, one instruction per line:
/// <code>
/// line        := ws* [instruction | '}'] ws* ['#' comment] newline
/// instruction := name ['[' tag ']'] ['(' number {',' number} ')'] {ws+ target} [ws* '{']
/// target      := 'D' uint | 'L' uint | '^' | uint
/// </code>
/// Names are case-insensitive. Every problem throws <see cref="DemFormatException"/> naming the
/// line and column and quoting the bad token; nothing else escapes.
/// </summary>
internal sealed class DemParser : StimTextReader
{
    private DemParser(string text, string source)
        : base(text, source)
    {
    }

    /// <summary>Parses a whole model.</summary>
    public static ImmutableArray<DemInstruction> Parse(string text, string source)
    {
        var parser = new DemParser(text, source);
        return parser.ParseBlock(openedAt: null);
    }

    private protected override Exception CreateError(int line, int column, string problem) => new DemFormatException(_source, line, column, problem);

    /// <summary>Parses instructions until end of input (top level) or a closing brace (nested).</summary>
    private ImmutableArray<DemInstruction> ParseBlock((int Line, int Column)? openedAt)
    {
        var body = ImmutableArray.CreateBuilder<DemInstruction>();
        while (true)
        {
            SkipSpaces();
            if (AtEnd)
            {
                if (openedAt is { } o)
                {
                    throw ErrorAt(o.Line, o.Column, "the repeat block opened here is never closed: expected '}'");
                }
                return body.ToImmutable();
            }
            if (AtEndOfLine())
            {
                FinishLine();
                continue;
            }
            if (Peek == '}')
            {
                if (openedAt is null)
                {
                    throw Error("unexpected '}' with no open repeat block");
                }
                _pos++;
                FinishLine();
                return body.ToImmutable();
            }
            body.Add(ParseInstruction());
        }
    }

    private DemInstruction ParseInstruction()
    {
        int line = _line, column = Column;
        string name = ReadName();
        string tag = Peek == '[' ? ReadTag() : "";
        var (args, argsColumn) = Peek == '(' ? ReadArguments() : (ImmutableArray<double>.Empty, Column);
        var targets = ReadTargets(out var targetColumns);
        SkipSpaces();
        bool opensBlock = Peek == '{';
        string lower = name.ToLowerInvariant();
        if (opensBlock && lower != "repeat")
        {
            throw Error($"unexpected '{{' after '{name}': only 'repeat' opens a block");
        }

        DemInstruction instruction;
        switch (lower)
        {
            case "error":
                if (args.Length != 1)
                {
                    throw ErrorAt(line, argsColumn, $"'error' takes exactly one probability argument, found {args.Length}");
                }
                if (!(args[0] >= 0 && args[0] <= 1))
                {
                    throw ErrorAt(line, argsColumn, $"error probability must be between 0 and 1, found {Format(args[0])}");
                }
                RequireKinds(targets, targetColumns, line, "error", DemTargetKind.Detector, DemTargetKind.Observable, DemTargetKind.Separator);
                CheckSeparators(targets, targetColumns, line);
                instruction = new DemError(args[0], targets, tag);
                break;
            case "detector":
                RequireKinds(targets, targetColumns, line, "detector", DemTargetKind.Detector);
                instruction = new DemDetector(args, targets, tag);
                break;
            case "logical_observable":
                if (args.Length != 0)
                {
                    throw ErrorAt(line, argsColumn, "'logical_observable' takes no arguments");
                }
                RequireKinds(targets, targetColumns, line, "logical_observable", DemTargetKind.Observable);
                instruction = new DemLogicalObservable(targets, tag);
                break;
            case "shift_detectors":
                if (targets.Length != 1 || targets[0].Kind != DemTargetKind.Number)
                {
                    throw ErrorAt(line, targetColumns.Length > 0 ? targetColumns[0] : Column,
                        "'shift_detectors' takes exactly one target: a non-negative detector shift like 'shift_detectors(0, 0, 1) 8'");
                }
                instruction = new DemShiftDetectors(args, targets[0].Index, tag);
                break;
            case "repeat":
                instruction = ParseRepeat(line, column, args, targets, targetColumns, tag, opensBlock);
                return instruction;
            default:
                throw ErrorAt(line, column,
                    $"unknown instruction '{name}': expected error, detector, logical_observable, shift_detectors or repeat");
        }
        FinishLine();
        return instruction;
    }

    private DemRepeat ParseRepeat(int line, int column, ImmutableArray<double> args, ImmutableArray<DemTarget> targets,
        int[] targetColumns, string tag, bool opensBlock)
    {
        if (args.Length != 0)
        {
            throw ErrorAt(line, column, "'repeat' takes no parenthesized arguments");
        }
        if (targets.Length != 1 || targets[0].Kind != DemTargetKind.Number)
        {
            throw ErrorAt(line, targetColumns.Length > 0 ? targetColumns[0] : Column,
                "'repeat' takes exactly one repetition count, like 'repeat 100 {'");
        }
        if (targets[0].Index == 0)
        {
            throw ErrorAt(line, targetColumns[0], "repeat count must be at least 1, found 0");
        }
        if (!opensBlock)
        {
            throw Error($"expected '{{' after 'repeat {targets[0].Index}' but found {DescribeNext()}");
        }
        _pos++; // '{'
        FinishLine();
        var body = ParseBlock((line, column));
        var repeat = new DemRepeat(targets[0].Index, body, tag);
        try
        {
            DemCounts.Of(ImmutableArray.Create<DemInstruction>(repeat));
        }
        catch (OverflowException)
        {
            throw ErrorAt(line, targetColumns[0],
                $"repeat count {targets[0].Index} makes the model too large: its detector or error count exceeds 2^64");
        }
        return repeat;
    }

    private void RequireKinds(ImmutableArray<DemTarget> targets, int[] columns, int line, string name, params DemTargetKind[] allowed)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (Array.IndexOf(allowed, targets[i].Kind) < 0)
            {
                string expected = string.Join(" or ", allowed.Select(k => k switch
                {
                    DemTargetKind.Detector => "D#",
                    DemTargetKind.Observable => "L#",
                    DemTargetKind.Separator => "^",
                    _ => "a number",
                }));
                throw ErrorAt(line, columns[i], $"'{name}' target '{targets[i]}' is not allowed: expected {expected}");
            }
        }
    }

    private void CheckSeparators(ImmutableArray<DemTarget> targets, int[] columns, int line)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (targets[i].Kind != DemTargetKind.Separator)
            {
                continue;
            }
            if (i == 0 || i == targets.Length - 1 || targets[i - 1].Kind == DemTargetKind.Separator)
            {
                throw ErrorAt(line, columns[i], "'^' must stand between two components of an error, like 'D0 D1 ^ D2'");
            }
        }
    }

    private (ImmutableArray<double> Args, int Column) ReadArguments()
    {
        int column = Column;
        _pos++; // '('
        var args = ImmutableArray.CreateBuilder<double>();
        SkipSpaces();
        if (Peek == ')')
        {
            _pos++;
            return (args.ToImmutable(), column);
        }
        while (true)
        {
            SkipSpaces();
            int start = _pos, startColumn = Column;
            while (!AtEnd && Peek is not (',' or ')' or ' ' or '\t' or '\n' or '\r' or '#'))
            {
                _pos++;
            }
            string token = _text[start.._pos];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                _pos = start;
                throw ErrorAt(_line, startColumn, $"expected a number but found {(token.Length == 0 ? DescribeNext() : Quote(token))}");
            }
            args.Add(value);
            SkipSpaces();
            if (Peek == ',')
            {
                _pos++;
                continue;
            }
            if (Peek == ')')
            {
                _pos++;
                return (args.ToImmutable(), column);
            }
            throw Error($"expected ',' or ')' in the argument list opened at column {column} but found {DescribeNext()}");
        }
    }

    private ImmutableArray<DemTarget> ReadTargets(out int[] columns)
    {
        var targets = ImmutableArray.CreateBuilder<DemTarget>();
        var cols = new List<int>();
        while (true)
        {
            int before = _pos;
            SkipSpaces();
            if (AtEndOfLine() || Peek == '{')
            {
                break;
            }
            if (_pos == before)
            {
                throw Error($"expected a space before target {DescribeNext()}");
            }
            int start = _pos, column = Column;
            while (!AtEnd && Peek is not (' ' or '\t' or '\n' or '\r' or '#' or '{'))
            {
                _pos++;
            }
            targets.Add(ParseTarget(_text[start.._pos], column));
            cols.Add(column);
        }
        columns = cols.ToArray();
        return targets.ToImmutable();
    }

    private DemTarget ParseTarget(string token, int column)
    {
        if (token == "^")
        {
            return DemTarget.Separator;
        }
        DemTargetKind kind = DemTargetKind.Number;
        string digits = token;
        if (token[0] is 'D' or 'd' or 'L' or 'l')
        {
            kind = token[0] is 'D' or 'd' ? DemTargetKind.Detector : DemTargetKind.Observable;
            digits = token[1..];
        }
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            string what = kind switch
            {
                DemTargetKind.Detector => "detector index must be a non-negative integer",
                DemTargetKind.Observable => "observable index must be a non-negative integer",
                _ => "expected a target like D5, L0, ^ or a non-negative integer",
            };
            throw ErrorAt(_line, column, $"{what}, found '{token}'");
        }
        // Indices are capped at 2^62 as in Stim, so shifted sums stay far from overflow.
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong index) || index >= 1UL << 62)
        {
            throw ErrorAt(_line, column, $"number '{token}' is too large: the limit is 2^62 - 1");
        }
        return new DemTarget(kind, index);
    }

    private void SkipSpaces()
    {
        while (!AtEnd && Peek is ' ' or '\t')
        {
            _pos++;
        }
    }

    private bool AtEndOfLine() => AtEnd || Peek is '\n' or '\r' or '#';

    /// <summary>Requires the rest of the line to be blank or a comment, then moves to the next line.</summary>
    private void FinishLine()
    {
        SkipSpaces();
        if (!AtEndOfLine())
        {
            throw Error($"expected the end of the line but found {DescribeNext()}");
        }
        while (!AtEnd && Peek is not ('\n' or '\r'))
        {
            _pos++;
        }
        if (Peek == '\r')
        {
            _pos++;
        }
        if (Peek == '\n')
        {
            _pos++;
        }
        _line++;
        _lineStart = _pos;
    }

    private static string Quote(string token) => "'" + token + "'";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
