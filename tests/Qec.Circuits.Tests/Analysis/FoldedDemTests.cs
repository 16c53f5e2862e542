using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>--fold_loops (with and without --decompose_errors): our DEM text must equal Stim's byte for byte.</summary>
public sealed class FoldedDemTests
{
    /// <summary>(name, circuit, Stim's DEM, decompose) for every folded reference DEM.</summary>
    private static IEnumerable<(string Name, string Circuit, string Dem, bool Decompose)> Cases()
    {
        if (TestPaths.Reference is not { } root)
        {
            yield break;
        }
        string extra = Path.Combine(root, "circuits-extra");
        foreach (string dem in Directory.GetFiles(extra, "*.folded.dem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dem)[..^".folded.dem".Length];
            yield return ("extra/" + name + " folded", Path.Combine(extra, name + ".stim"), dem, false);
        }
        foreach (string dem in Directory.GetFiles(extra, "*.folded_decomposed.dem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dem)[..^".folded_decomposed.dem".Length];
            yield return ("extra/" + name + " folded+decomposed", Path.Combine(extra, name + ".stim"), dem, true);
        }
        foreach (string dem in Directory.GetFiles(Path.Combine(root, "dems-folded"), "*.dem").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(dem);
            yield return ("dems-folded/" + name, Path.Combine(root, "circuits", name + ".stim"), dem, true);
        }
        foreach (string name in new[] { "rep_mem_d05_r10000_p0.01", "sc_rmz_d05_r1000_p0.001", "sc_rmz_d05_r1000000_p0.001" })
        {
            yield return ("dems/" + name, Path.Combine(root, "circuits", name + ".stim"), Path.Combine(root, "dems", name + ".dem"), true);
        }
    }

    [Fact]
    public void EveryFoldedReferenceDemIsReproduced()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var c in Cases())
        {
            count++;
            var dem = ErrorAnalyzer.Analyze(Circuit.Load(c.Circuit), decomposeErrors: c.Decompose, foldLoops: true);
            string diff = ReferenceDemCases.FirstDifference(File.ReadAllText(c.Dem), StimDemWriter.ToText(dem));
            if (diff != "identical")
            {
                failures.Add($"{c.Name}: {diff}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join("\n", failures));
        if (TestPaths.Reference is not null)
        {
            // circuits-extra: 7 folded + 6 folded+decomposed; dems-folded: 10; dems/: 3 long ones (10⁶ rounds included).
            Assert.Equal(26, count);
        }
    }
}
