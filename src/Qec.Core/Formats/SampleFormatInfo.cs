namespace Qec.Core.Formats;

/// <summary>One row of the sample-format table: the name users type, the format, and a one-line description.</summary>
/// <param name="Name">Stim's name for the format, e.g. <c>b8</c>.</param>
/// <param name="Format">The format.</param>
/// <param name="Description">One line for command-line help.</param>
/// <param name="IsBinary">True when the data is bytes rather than text lines.</param>
public sealed record SampleFormatInfo(string Name, SampleFormat Format, string Description, bool IsBinary);
