namespace Qec.Core.Formats;

/// <summary>
/// The single table of Stim sample formats: names, descriptions for help text, and parsing of names.
/// Command-line parsing and help both read this table, so a format is added in one place.
/// </summary>
public static class SampleFormats
{
    private static readonly SampleFormatInfo[] Table =
    [
        new("01", SampleFormat.Format01, "dense text: one line of '0'/'1' characters per shot", IsBinary: false),
        new("b8", SampleFormat.B8, "dense binary: ceil(bits/8) bytes per shot, bit k in byte k>>3 at bit k&7", IsBinary: true),
        new("r8", SampleFormat.R8, "sparse binary: each byte counts the 0s before the next 1 (255 = 255 zeros, no 1)", IsBinary: true),
        new("dets", SampleFormat.Dets, "sparse text: 'shot D0 D5 L1' lines naming set detectors (D) and observables (L)", IsBinary: false),
        new("hits", SampleFormat.Hits, "sparse text: comma-separated indices of the set bits, one line per shot", IsBinary: false),
        new("ptb64", SampleFormat.Ptb64, "transposed binary: per 64 shots, one little-endian uint64 per bit (shots must be a multiple of 64)", IsBinary: true),
    ];

    /// <summary>Every format, in Stim's usual order, with its name and description.</summary>
    public static IReadOnlyList<SampleFormatInfo> All => Table;

    /// <summary>The names of all formats, comma separated (for help and error text).</summary>
    public static string KnownNames => string.Join(", ", Array.ConvertAll(Table, t => t.Name));

    /// <summary>Parses a format name (case-insensitive, e.g. <c>01</c>, <c>b8</c>, <c>ptb64</c>).</summary>
    /// <exception cref="ArgumentException">The name is not a known format; the message lists the known names.</exception>
    public static SampleFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParse(name, out SampleFormat format))
        {
            return format;
        }
        throw new ArgumentException($"unknown sample format '{name}'; known formats: {KnownNames}", nameof(name));
    }

    /// <summary>Parses a format name (case-insensitive); false when it is not a known format.</summary>
    public static bool TryParse(string? name, out SampleFormat format)
    {
        foreach (SampleFormatInfo info in Table)
        {
            if (string.Equals(info.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                format = info.Format;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>Stim's name of a format, e.g. <c>b8</c>.</summary>
    public static string Name(SampleFormat format) => Info(format).Name;

    /// <summary>The table row of a format.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined format.</exception>
    public static SampleFormatInfo Info(SampleFormat format)
    {
        foreach (SampleFormatInfo info in Table)
        {
            if (info.Format == format)
            {
                return info;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(format), format, "not a defined sample format");
    }
}
