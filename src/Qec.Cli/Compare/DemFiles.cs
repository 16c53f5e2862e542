using System.Globalization;
using System.Text.RegularExpressions;
using Qec.Core.Dem;

namespace Qec.Cli.Compare;

/// <summary>
/// The models of <c>--dems</c>: paths or globs (<c>*</c> and <c>?</c> in the file-name part), and the
/// metadata read from each file name. Two naming styles are understood:
/// <list type="bullet">
/// <item>sinter's <c>key=value,key=value.dem</c> (its <c>--metadata_func auto</c>): every pair becomes metadata;</item>
/// <item>the reference data's <c>PREFIX_dDD_rRR_pP.dem</c> (e.g. <c>sc_rmz_d05_r05_p0.003</c>), optionally followed by
/// <c>.VARIANT</c> (<c>sc_umz_d03_r04_p0.002.decomposed</c>, as in circuits-extra): d, rounds, p, and
/// family/noise for the known prefixes (sc_rmz, sc_rmx: surface, circuit; sc_umz, sc_umx: unrotated-surface,
/// circuit; sc_cc: surface, depolarizing; rep_mem: repetition, circuit; cc_xyz: color, circuit; the X-basis
/// ones add basis "x", as <c>--gen</c> does); another prefix becomes the family.</item>
/// </list>
/// Every file also gets <c>name</c> (its stem). <see cref="DemMetadataOptions"/> adds more (pattern, sidecar,
/// <c>--metadata</c>). When none of them gives rounds, they come from the detector
/// coordinates: the span of the last coordinate (time) over all detectors, at least 1.
/// </summary>
public static partial class DemFiles
{
    private static readonly Dictionary<string, (string Family, string Noise, string? Basis)> KnownPrefixes = new(StringComparer.Ordinal)
    {
        ["sc_rmz"] = ("surface", "circuit", null),
        ["sc_rmx"] = ("surface", "circuit", "x"),
        ["sc_umz"] = ("unrotated-surface", "circuit", null),
        ["sc_umx"] = ("unrotated-surface", "circuit", "x"),
        ["sc_cc"] = ("surface", "depolarizing", null),
        ["rep_mem"] = ("repetition", "circuit", null),
        ["cc_xyz"] = ("color", "circuit", null),
    };

    [GeneratedRegex(@"^(?<prefix>.+?)_d(?<d>\d+)_r(?<r>\d+)_p(?<p>\d+(?:\.\d+)?(?:[eE]-?\d+)?)(?:\.[A-Za-z][A-Za-z0-9_]*)?$")]
    private static partial Regex ReferenceName();

    /// <summary>The files matching the patterns, each once, sorted within a pattern; throws when a pattern matches nothing.</summary>
    public static List<string> Expand(IEnumerable<string> patterns)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pattern in patterns)
        {
            foreach (string file in ExpandOne(pattern))
            {
                if (seen.Add(Path.GetFullPath(file)))
                {
                    files.Add(file);
                }
            }
        }
        return files;
    }

    /// <summary>
    /// Loads a model (a <c>.stim</c> circuit is analyzed, see <see cref="ModelArguments.LoadFile"/>) and its metadata:
    /// from its name, then from <paramref name="options"/>.
    /// </summary>
    public static CodeCase Load(string path, DemMetadataOptions options, TextWriter? notes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = ModelArguments.LoadFile(path, notes ?? TextWriter.Null);
        var metadata = options.Apply(path, MetadataFromName(Path.GetFileNameWithoutExtension(path)));
        if (!metadata.Contains("rounds") && RoundsFromCoordinates(model) is { } rounds)
        {
            metadata = metadata.With("rounds", rounds);
        }
        return new CodeCase(model, metadata);
    }

    /// <summary>Metadata from a file stem (see the class remarks); always holds "name".</summary>
    public static TaskMetadata MetadataFromName(string stem)
    {
        var metadata = TaskMetadata.Empty.With("name", stem);
        if (stem.Contains('='))
        {
            foreach (string pair in stem.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0)
                {
                    metadata = metadata.WithParsed(pair[..eq], pair[(eq + 1)..]);
                }
            }
            return metadata;
        }
        var match = ReferenceName().Match(stem);
        if (!match.Success)
        {
            return metadata;
        }
        string prefix = match.Groups["prefix"].Value;
        metadata = metadata
            .With("d", long.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture))
            .With("rounds", long.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture))
            .With("p", double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture));
        if (!KnownPrefixes.TryGetValue(prefix, out var known))
        {
            return metadata.With("family", prefix);
        }
        metadata = metadata.With("family", known.Family).With("noise", known.Noise);
        return known.Basis is null ? metadata : metadata.With("basis", known.Basis);
    }

    /// <summary>max(1, span of the last coordinate over all detectors), or null when a detector has no coordinates.</summary>
    public static long? RoundsFromCoordinates(DetectorErrorModel model)
    {
        var flat = model.Flatten();
        if (flat.NumDetectors == 0)
        {
            return null;
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int d = 0; d < flat.NumDetectors; d++)
        {
            var coordinates = flat.DetectorCoordinates(d);
            if (coordinates.Length == 0)
            {
                return null;
            }
            min = Math.Min(min, coordinates[^1]);
            max = Math.Max(max, coordinates[^1]);
        }
        return Math.Max(1, (long)Math.Round(max - min));
    }

    private static IEnumerable<string> ExpandOne(string pattern)
    {
        string name = Path.GetFileName(pattern);
        string directory = Path.GetDirectoryName(pattern) is { Length: > 0 } dir ? dir : ".";
        if (directory.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw new ArgumentException($"--dems '{pattern}': wildcards are allowed only in the file name");
        }
        if (name.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return File.Exists(pattern) ? [pattern] : throw new FileNotFoundException($"no such DEM file: {Path.GetFullPath(pattern)}");
        }
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"--dems '{pattern}': no such directory {Path.GetFullPath(directory)}");
        }
        var regex = new Regex("^" + Regex.Escape(name).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$");
        var matches = Directory.EnumerateFiles(directory)
            .Where(f => regex.IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return matches.Count > 0 ? matches : throw new FileNotFoundException($"--dems '{pattern}': no file matches");
    }
}
