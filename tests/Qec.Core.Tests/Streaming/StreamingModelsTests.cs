using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Streaming;

/// <summary>
/// Folding a flattened memory model around a bulk round must give, flattened again, exactly the errors
/// and detectors of the same experiment run for more rounds. Oracle: Stim's own folded loop (the
/// reference model with a larger repeat count), compared as multisets of canonical error lines.
/// </summary>
public sealed class StreamingModelsTests
{
    private static DetectorErrorModel Reference(string name) => DetectorErrorModel.Load(TestPaths.Data("streaming/" + name + ".dem"));

    [Theory]
    [InlineData("sc_rmz_d05_r1000_p0.001", 3UL, 5, 1UL, 3UL)] // 11 rounds folded at round 5, 1 copy: unchanged
    [InlineData("sc_rmz_d05_r1000_p0.001", 3UL, 5, 3UL, 4UL)] // 2 more rounds = one more iteration of Stim's 2-round body
    [InlineData("sc_rmz_d05_r1000_p0.001", 2UL, 4, 7UL, 5UL)]
    [InlineData("rep_mem_d05_r10000_p0.01", 4UL, 3, 5UL, 8UL)] // repetition body is one round
    public void FoldedModelEqualsTheLongerExperiment(string name, ulong count, int bulkRound, ulong copies, ulong oracleCount)
    {
        var reference = Reference(name);
        var shortModel = Unrolled(WithCount(reference, count));
        var folded = StreamingModels.FoldBulkRound(shortModel, bulkRound, copies);
        Assert.Contains(folded.Instructions, i => i is DemRepeat);
        var oracle = WithCount(reference, oracleCount).Flatten();
        var got = folded.Flatten();
        Assert.Equal(oracle.NumDetectors, got.NumDetectors);
        Assert.Equal(oracle.NumObservables, got.NumObservables);
        Assert.Equal(Canonical(oracle), Canonical(got));
        for (int d = 0; d < oracle.NumDetectors; d++)
        {
            Assert.Equal(oracle.DetectorCoordinates(d).ToArray(), got.DetectorCoordinates(d).ToArray());
        }
    }

    [Theory]
    [InlineData("sc_rmz_d05_r1000_p0.001", 10, 11)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 1000, 1001)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 1, 7)] // never fewer than head + one iteration + tail
    [InlineData("rep_mem_d05_r10000_p0.01", 50, 50)]
    public void WithRoundsSolvesForTheRepeatCount(string name, int rounds, int expected)
    {
        var model = StreamingModels.WithRounds(Reference(name), rounds);
        Assert.Equal(expected, RoundLayout.Analyse(model, 0, 1_000_000).NumRounds);
    }

    [Fact]
    public void WithRoundsFoldsAFlattenedModel()
    {
        var flat = Unrolled(WithCount(Reference("sc_rmz_d05_r1000_p0.001"), 2)); // 9 rounds, no repeat
        var model = StreamingModels.WithRounds(flat, 40);
        Assert.Equal(40, RoundLayout.Analyse(model, 0, 1_000_000).NumRounds);
        // The long model equals Stim's: 40 rounds is not 2c + 5 for any c, so compare one round more.
        var oracle = WithCount(Reference("sc_rmz_d05_r1000_p0.001"), 18).Flatten(); // 41 rounds
        var longer = StreamingModels.WithRounds(flat, 41).Flatten();
        Assert.Equal(Canonical(oracle), Canonical(longer));
    }

    [Fact]
    public void BadFoldsAreRefusedWithTheReason()
    {
        var flat = Unrolled(WithCount(Reference("sc_rmz_d05_r1000_p0.001"), 1));
        var e = Assert.Throws<ArgumentException>(() => StreamingModels.FoldBulkRound(flat, 0, 2));
        Assert.Contains("bulk round 0", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamingModels.WithRounds(flat, 0));
        Assert.Contains("no top-level repeat block", Assert.Throws<ArgumentException>(() => StreamingModels.WithRepeatCount(flat, 3)).Message);
    }

    /// <summary>The model with its repeat blocks unrolled: error and detector lines only.</summary>
    private static DetectorErrorModel Unrolled(DetectorErrorModel model)
    {
        var flat = model.Flatten();
        var lines = new List<DemInstruction>();
        for (int e = 0; e < flat.NumErrors; e++)
        {
            lines.Add(new DemError(flat.Probability(e), [.. flat.Targets(e)]));
        }
        for (int d = 0; d < flat.NumDetectors; d++)
        {
            lines.Add(new DemDetector([.. flat.DetectorCoordinates(d)], [DemTarget.Detector((ulong)d)]));
        }
        return new DetectorErrorModel([.. lines]);
    }

    private static DetectorErrorModel WithCount(DetectorErrorModel m, ulong count) => StreamingModels.WithRepeatCount(m, count);

    /// <summary>
    /// The model as a sorted list "detectors | observables : p": targets XOR-reduced (a decomposed error
    /// flips what appears an odd number of times), lines with the same symptom merged as independent
    /// mechanisms (p = p₁(1 − p₂) + p₂(1 − p₁)), p to 10 significant digits. Stim writes one symptom as
    /// several lines in a loop body where a flattened short model has one, so lines cannot be compared as they are.
    /// </summary>
    private static List<string> Canonical(FlatDetectorErrorModel flat)
    {
        var merged = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var dets = new SortedSet<ulong>();
            var obs = new SortedSet<ulong>();
            foreach (var t in flat.Targets(e))
            {
                var set = t.Kind == DemTargetKind.Detector ? dets : t.Kind == DemTargetKind.Observable ? obs : null;
                if (set is not null && !set.Add(t.Index))
                {
                    set.Remove(t.Index);
                }
            }
            string key = $"{string.Join(' ', dets)} | {string.Join(' ', obs)}";
            double p = flat.Probability(e);
            merged[key] = merged.TryGetValue(key, out double q) ? (q * (1 - p)) + (p * (1 - q)) : p;
        }
        var lines = new List<string>();
        foreach (var (key, p) in merged)
        {
            lines.Add(FormattableString.Invariant($"{key} : {p:G10}"));
        }
        return lines;
    }
}
