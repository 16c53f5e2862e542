using Qec.Core.Formats;

namespace Qec.Core.Dem;

/// <summary>
/// A detector error model that cannot be read: names the source, the 1-based line and column, and
/// what was expected. The message reads <c>source:line:column: what is wrong</c>.
/// </summary>
/// <param name="sourceName">File name (or <c>&lt;string&gt;</c>) the text came from.</param>
/// <param name="line">1-based line of the problem.</param>
/// <param name="column">1-based column of the problem.</param>
/// <param name="problem">What is wrong and what was expected.</param>
public sealed class DemFormatException(string sourceName, int line, int column, string problem)
    : SourceFormatException(sourceName, line, column, problem);
