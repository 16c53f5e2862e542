using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;

namespace Qec.Core.Dem;

/// <summary>
/// A detector error model in Stim's <c>.dem</c> format, kept as its instruction tree (repeat blocks
/// are not expanded). Immutable; parse once, then <see cref="Flatten"/> or build graphs from it.
/// </summary>
public sealed class DetectorErrorModel : IEquatable<DetectorErrorModel>
{
    private DemCounts? _counts;

    /// <summary>Wraps an instruction list.</summary>
    public DetectorErrorModel(ImmutableArray<DemInstruction> instructions) => Instructions = instructions;

    /// <summary>Top-level instructions in file order.</summary>
    public ImmutableArray<DemInstruction> Instructions { get; }

    /// <summary>Detector, observable and error counts, computed without flattening.</summary>
    public DemCounts Counts => _counts ??= DemCounts.Of(Instructions);

    /// <summary>Number of detectors (1 + largest detector index).</summary>
    public ulong NumDetectors => Counts.NumDetectors;

    /// <summary>Number of logical observables (1 + largest observable index).</summary>
    public ulong NumObservables => Counts.NumObservables;

    /// <summary>Number of error mechanisms after flattening repeat blocks.</summary>
    public ulong NumErrors => Counts.NumErrors;

    /// <summary>Parses DEM text; throws <see cref="DemFormatException"/> with line and column.</summary>
    public static DetectorErrorModel Parse(string text, string sourceName = "<string>") =>
        new(DemParser.Parse(text, sourceName));

    /// <summary>Parses UTF-8 bytes; invalid UTF-8 is reported with its line and column.</summary>
    public static DetectorErrorModel Parse(ReadOnlySpan<byte> utf8, string sourceName)
    {
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out int bytesRead, out int charsWritten, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var prefix = chars.AsSpan(0, charsWritten);
            int line = prefix.Count('\n') + 1;
            int column = charsWritten - (prefix.LastIndexOf('\n') + 1) + 1;
            throw new DemFormatException(sourceName, line, column,
                $"invalid UTF-8 byte 0x{utf8[bytesRead]:X2} at byte offset {bytesRead}: a .dem file must be UTF-8 text");
        }
        return Parse(new string(chars, 0, charsWritten), sourceName);
    }

    /// <summary>Reads and parses a <c>.dem</c> file.</summary>
    public static DetectorErrorModel Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>The model as Stim-format text (round-trips through <see cref="Parse(string, string)"/>).</summary>
    public override string ToString()
    {
        var writer = new StringWriter { NewLine = "\n" };
        WriteTo(writer);
        return writer.ToString();
    }

    /// <summary>Writes the model as Stim-format text.</summary>
    public void WriteTo(TextWriter writer) => DemWriter.Write(Instructions, writer);

    /// <summary>Expands repeat blocks and shifts into absolute detector indices and coordinates.</summary>
    /// <param name="maxErrors">Refuse models with more errors than this (a streaming decoder handles those).</param>
    public FlatDetectorErrorModel Flatten(long maxErrors = 100_000_000) => FlatDetectorErrorModel.From(this, maxErrors);

    /// <inheritdoc/>
    public bool Equals(DetectorErrorModel? other) => other is not null && Instructions.SequenceEqual(other.Instructions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DetectorErrorModel);

    /// <inheritdoc/>
    public override int GetHashCode() => Instructions.Length;

    /// <summary>Stable SHA-256 of the model's canonical text, lowercase hex.</summary>
    public string ContentHash() =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ToString())));
}
