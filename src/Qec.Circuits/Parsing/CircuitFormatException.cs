namespace Qec.Circuits.Parsing;

/// <summary>A circuit text that cannot be read: names the source, line, column and the bad token.</summary>
public sealed class CircuitFormatException : FormatException
{
    /// <summary>Creates the error; the message reads <c>source:line:column: problem</c>.</summary>
    public CircuitFormatException(string source, int line, int column, string problem)
        : base($"{source}:{line}:{column}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name or <c>&lt;string&gt;</c>.</summary>
    public new string Source { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>The problem without its location.</summary>
    public string Problem { get; }
}
