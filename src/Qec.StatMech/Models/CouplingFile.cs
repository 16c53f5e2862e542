using System.Globalization;

namespace Qec.StatMech.Models;

/// <summary>
/// Reads an Ising model from text, one item a line:
/// <code>
/// # comment (also after an item)
/// n 20          optional header: the number of spins (else the largest index + 1)
/// 0 1 -1.5      coupling J_01 = −1.5 (E = −Σ J_ij s_i s_j − Σ h_i s_i; a pair listed twice is summed)
/// h 3 0.25      field h_3 = 0.25
/// </code>
/// Indices are 0-based. Every error names the source and line (<c>file:7: …</c>) and quotes the bad token; nothing
/// is returned on failure.
/// </summary>
public static class CouplingFile
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static IsingModel Load(string path)
    {
        if (!File.Exists(path)) throw new FormatException($"{path}: no such coupling file");
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses text from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IsingModel Parse(TextReader reader, string source)
    {
        int? declared = null;
        var declaredLine = 0;
        var couplings = new List<Coupling>();
        var fields = new Dictionary<int, double>();
        var largest = -1;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = hash >= 0 ? line[..hash] : line;
            var tokens = content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            var where = $"{source}:{lineNumber}";
            switch (tokens[0])
            {
                case "n":
                    Expect(tokens, 2, where, "'n N' (the number of spins)");
                    if (declared is not null) throw new FormatException($"{where}: a second 'n' header (the first is on line {declaredLine})");
                    if (couplings.Count > 0 || fields.Count > 0) throw new FormatException($"{where}: the 'n' header must come before any coupling or field");
                    var size = Index(tokens[1], where, "n");
                    if (size < 1) throw new FormatException($"{where}: n = {size}; a model needs at least one spin");
                    declared = size;
                    declaredLine = lineNumber;
                    break;
                case "h":
                    Expect(tokens, 3, where, "'h i value'");
                    var site = Site(tokens[1], where, declared);
                    if (fields.ContainsKey(site)) throw new FormatException($"{where}: field h_{site} given twice");
                    fields[site] = Value(tokens[2], where);
                    largest = Math.Max(largest, site);
                    break;
                default:
                    Expect(tokens, 3, where, "'i j J' (a coupling), 'h i value' (a field) or 'n N' (the size)");
                    int i = Site(tokens[0], where, declared), j = Site(tokens[1], where, declared);
                    if (i == j) throw new FormatException($"{where}: coupling joins spin {i} to itself");
                    couplings.Add(new Coupling(i, j, Value(tokens[2], where)));
                    largest = Math.Max(largest, Math.Max(i, j));
                    break;
            }
        }
        if (declared is null && largest < 0)
            throw new FormatException($"{source}: no couplings, fields or 'n' header (empty file)");
        var n = declared ?? largest + 1;
        double[]? h = null;
        if (fields.Count > 0)
        {
            h = new double[n];
            foreach (var (site, value) in fields) h[site] = value;
        }
        return new IsingModel(n, couplings, h, $"file {Path.GetFileName(source)} n={n}");
    }

    private static void Expect(string[] tokens, int count, string where, string shape)
    {
        if (tokens.Length != count)
            throw new FormatException($"{where}: '{string.Join(' ', tokens)}' has {tokens.Length} fields; expected {shape}");
    }

    private static int Index(string token, string where, string what) =>
        int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"{where}: {what} '{token}' is not a non-negative integer");

    private static int Site(string token, string where, int? declared)
    {
        var site = Index(token, where, "spin index");
        if (declared is { } n && site >= n) throw new FormatException($"{where}: spin index {site} is outside 0..{n - 1} (header n {n})");
        return site;
    }

    private static double Value(string token, string where) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{where}: '{token}' is not a finite number");
}
