namespace Qec.Core.Formats;

/// <summary>
/// Sample data that cannot be read in the expected format and layout. Names the source, the 0-based shot,
/// the 1-based line (text formats), the 0-based byte offset of the problem, and what was expected. The
/// message reads <c>source: shot S, line L, byte B: problem</c>.
/// </summary>
public sealed class SampleFormatException : FormatException
{
    /// <summary>Creates the error for a position in a named source.</summary>
    /// <param name="sourceName">File name or stream description.</param>
    /// <param name="format">Format being read.</param>
    /// <param name="shotIndex">0-based index of the shot being read.</param>
    /// <param name="line">1-based line for text formats, null for binary formats.</param>
    /// <param name="byteOffset">0-based offset in the source of the offending byte (or of the end of data).</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public SampleFormatException(string sourceName, SampleFormat format, long shotIndex, long? line, long byteOffset, string problem)
        : base(line is { } l
            ? $"{sourceName}: {SampleFormats.Name(format)}: shot {shotIndex}, line {l}, byte {byteOffset}: {problem}"
            : $"{sourceName}: {SampleFormats.Name(format)}: shot {shotIndex}, byte {byteOffset}: {problem}")
    {
        SourceName = sourceName;
        Format = format;
        ShotIndex = shotIndex;
        Line = line;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>File name or stream description the data came from.</summary>
    public string SourceName { get; }

    /// <summary>Format being read.</summary>
    public SampleFormat Format { get; }

    /// <summary>0-based index of the shot being read when the problem was found.</summary>
    public long ShotIndex { get; }

    /// <summary>1-based line of the problem for text formats; null for binary formats.</summary>
    public long? Line { get; }

    /// <summary>0-based byte offset of the problem in the source.</summary>
    public long ByteOffset { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
