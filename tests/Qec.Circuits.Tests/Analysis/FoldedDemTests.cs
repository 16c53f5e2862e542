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

    [Theory]
    [InlineData("folded", false)]
    [InlineData("folded_decomposed", true)]
    public void CommittedRepetitionCodeGivesStimsFoldedBytes(string kind, bool decompose)
    {
        string dir = TestPaths.Data("circuits");
        var circuit = Circuit.Load(Path.Combine(dir, "rep_mem_d07_r30_p0.01.stim"));
        var dem = ErrorAnalyzer.Analyze(circuit, decomposeErrors: decompose, foldLoops: true);
        string stim = File.ReadAllText(Path.Combine(dir, $"rep_mem_d07_r30_p0.01.{kind}.dem"));
        Assert.Equal("identical", ReferenceDemCases.FirstDifference(stim, StimDemWriter.ToText(dem)));
        Assert.Contains(dem.Instructions, i => i is Qec.Core.Dem.DemRepeat);
    }

    [Fact]
    public void FoldedAndFlatModelsFlattenToTheSameErrors()
    {
        var circuit = Circuit.Load(TestPaths.Data("circuits/rep_mem_d07_r30_p0.01.stim"));
        var folded = ErrorAnalyzer.Analyze(circuit, foldLoops: true).Flatten();
        var flat = ErrorAnalyzer.Analyze(circuit).Flatten();
        Assert.Equal(flat.NumDetectors, folded.NumDetectors);
        // Folding flushes at loop boundaries, so equal symptoms may stay separate lines; merged, they agree.
        var a = Merged(flat);
        var b = Merged(folded);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (key, p) in a)
        {
            Assert.True(Math.Abs(p - b[key]) <= 1e-14, $"{key}: flat {p:R}, folded {b[key]:R}");
        }
    }

    private static SortedDictionary<string, double> Merged(Qec.Core.Dem.FlatDetectorErrorModel model)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int e = 0; e < model.NumErrors; e++)
        {
            string key = string.Join(" ", model.Targets(e).ToArray().Select(t => t.ToString()));
            double p = model.Probability(e);
            result[key] = result.TryGetValue(key, out double old) ? old * (1 - p) + (1 - old) * p : p;
        }
        return result;
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
