using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>
/// Circuits whose plain (undecomposed, unfolded) Stim DEM is known: the CI copies in
/// tests/data/circuits and, when ../shared/reference exists, every reference circuit with such a DEM.
/// </summary>
internal static class ReferenceDemCases
{
    /// <summary>(name, circuit path, Stim's DEM path) for the committed copies.</summary>
    public static IEnumerable<(string Name, string Circuit, string Dem)> Committed()
    {
        string dir = TestPaths.Data("circuits");
        foreach (string dem in Directory.GetFiles(dir, "*.plain.dem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dem)[..^".plain.dem".Length];
            yield return (name, Path.Combine(dir, name + ".stim"), dem);
        }
    }

    /// <summary>
    /// Reference cases with a plain DEM: circuits-extra/NAME.plain.dem, and dems/NAME.dem where Stim's
    /// --decompose_errors left no '^' (then the decomposed text is the plain text).
    /// </summary>
    public static IEnumerable<(string Name, string Circuit, string Dem)> Reference()
    {
        if (TestPaths.Reference is not { } root)
        {
            yield break;
        }
        foreach (string dem in Directory.GetFiles(Path.Combine(root, "circuits-extra"), "*.plain.dem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dem)[..^".plain.dem".Length];
            yield return ("extra/" + name, Path.Combine(root, "circuits-extra", name + ".stim"), dem);
        }
        foreach (string circuit in Directory.GetFiles(Path.Combine(root, "circuits"), "*.stim").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(circuit);
            string dem = Path.Combine(root, "dems", name + ".dem");
            if (File.Exists(dem) && new FileInfo(dem).Length < 2_000_000 && !File.ReadAllText(dem).Contains('^'))
            {
                yield return (name, circuit, dem);
            }
        }
    }

    /// <summary>"identical" or the first differing line of two texts, for messages.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        if (expected == actual)
        {
            return "identical";
        }
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string ei = i < e.Length ? e[i] : "<end>";
            string ai = i < a.Length ? a[i] : "<end>";
            if (ei != ai)
            {
                return $"line {i + 1}: Stim '{ei}' vs ours '{ai}'";
            }
        }
        return "differ only in line endings";
    }
}
