using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Streaming;

/// <summary>
/// The truncated layout of a long repeat block must describe exactly the same rounds, and cut exactly
/// the same window models, as the fully flattened model (the oracle), in the head, bulk and tail.
/// </summary>
public sealed class RoundLayoutTests
{
    private static DetectorErrorModel Model(string name, ulong count) =>
        StreamingModels.WithRepeatCount(DetectorErrorModel.Load(TestPaths.Data("streaming/" + name + ".dem")), count);

    [Theory]
    [InlineData("rep_mem_d05_r10000_p0.01", 120UL, 6, 10001 - (9998 - 120), 4)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 40UL, 5, 1001 - 2 * (498 - 40), 24)]
    public void TruncatedLayoutMatchesTheFlattenedModel(string name, ulong count, int window, int rounds, int bulkRoundSize)
    {
        var model = Model(name, count);
        var truncated = RoundLayout.Analyse(model, 0, window + 2);
        var full = RoundLayout.Analyse(model, 0, 1_000_000);
        Assert.True(truncated.MaxShift > 0, "the layout should have truncated the repeat block");
        Assert.Equal(0, full.MaxShift);
        Assert.Equal(rounds, full.NumRounds);
        Assert.Equal(full.NumRounds, truncated.NumRounds);
        Assert.Equal(full.NumDetectors, truncated.NumDetectors);
        Assert.Equal((long)model.NumDetectors, truncated.NumDetectors);
        Assert.Equal(bulkRoundSize, truncated.RoundSize(rounds / 2));
        for (int r = 0; r < full.NumRounds; r++)
        {
            Assert.Equal(full.RoundSize(r), truncated.RoundSize(r));
            Assert.Equal(full.RoundFirstDetector(r), truncated.RoundFirstDetector(r));
        }
        for (int s = 0; s + window <= full.NumRounds; s++)
        {
            int e = s + window;
            bool final = e == full.NumRounds;
            int k = truncated.ChooseShift(s, final ? e - 1 : e);
            int p = truncated.RoundsPerIteration;
            var cut = WindowModel.Build(truncated, s - k * p, e - k * p);
            var oracle = WindowModel.Build(full, s, e);
            Assert.Equal(oracle.NumWindowNodes, cut.NumWindowNodes);
            Assert.Equal(oracle.CutObservable, cut.CutObservable);
            Assert.True(oracle.Model.ToString() == cut.Model.ToString(), $"window {s}..{e} (shift {k}) differs from the flattened model's");
            if (s > 0)
            {
                // With the past cut open (parallel A windows) the mapping must also carry round s − 1.
                int kp = truncated.ChooseShift(s - 1, final ? e - 1 : e);
                var pastCut = WindowModel.Build(truncated, s - kp * p, e - kp * p, pastCut: true);
                var pastOracle = WindowModel.Build(full, s, e, pastCut: true);
                Assert.True(pastOracle.Model.ToString() == pastCut.Model.ToString(), $"past-cut window {s}..{e} (shift {kp}) differs from the flattened model's");
                Assert.NotEqual(oracle.Model.ToString(), pastOracle.Model.ToString());
            }
        }
    }

    /// <summary>
    /// The past cut on a chain of one detector per round: the error between rounds 1 and 2 becomes, in window [2, 4), a
    /// boundary edge of its own probability that flips the cut observable (L1); without the past cut it is dropped.
    /// Errors further back stay dropped, the window's own errors and the future cut layer are unchanged.
    /// </summary>
    [Fact]
    public void PastCutTurnsErrorsIntoThePreviousRoundIntoCutBoundaryEdges()
    {
        var model = DetectorErrorModel.Parse(
            "error(0.1) D0 D1\nerror(0.2) D1 D2\nerror(0.3) D2 D3 L0\nerror(0.05) D2\nerror(0.4) D3 D4\nerror(0.15) D4\n" +
            "detector D0\ndetector D1\ndetector D2\ndetector D3\ndetector D4\nlogical_observable L0\n");
        var layout = RoundLayout.Analyse(model, 1, 8);
        var closed = WindowModel.Build(layout, 2, 4).Model.ToString();
        var open = WindowModel.Build(layout, 2, 4, pastCut: true).Model.ToString();
        Assert.DoesNotContain("error(0.2)", closed, StringComparison.Ordinal);
        Assert.Contains("error(0.2) D0 L1", open, StringComparison.Ordinal);
        Assert.DoesNotContain("error(0.1)", open, StringComparison.Ordinal);
        Assert.Equal(closed, open.Replace("error(0.2) D0 L1\n", "", StringComparison.Ordinal));
        // At the experiment's start there is no past to cut.
        Assert.Equal(WindowModel.Build(layout, 0, 2).Model.ToString(), WindowModel.Build(layout, 0, 2, pastCut: true).Model.ToString());
    }

    [Fact]
    public void AMillionRoundModelIsLaidOutWithoutFlattening()
    {
        var model = Model("sc_rmz_d05_r1000_p0.001", 499_998);
        var layout = RoundLayout.Analyse(model, 0, 17);
        Assert.Equal(1_000_001, layout.NumRounds); // rounds 0..999,999 plus the final data measurement
        Assert.Equal(24_000_000L, layout.NumDetectors);
        Assert.True(layout.Truncated.NumDetectors < 5000, $"truncated model has {layout.Truncated.NumDetectors} detectors");
        Assert.Equal(12, layout.RoundSize(0));
        Assert.Equal(24, layout.RoundSize(500_000));
        Assert.Equal(24, layout.RoundSize(999_999));
        Assert.Equal(12, layout.RoundSize(1_000_000));
        Assert.Equal(24_000_000L - 12, layout.RoundFirstDetector(1_000_000));
    }

    [Fact]
    public void ExplicitRoundSizeMustDivideTheDetectors()
    {
        var model = DetectorErrorModel.Parse("error(0.1) D0 D1\nerror(0.1) D1 D2\ndetector D2\n");
        var layout = RoundLayout.Analyse(model, 1, 4);
        Assert.Equal(3, layout.NumRounds);
        var ex = Assert.Throws<ArgumentException>(() => RoundLayout.Analyse(model, 2, 4));
        Assert.Contains("does not divide", ex.Message);
        var noCoords = Assert.Throws<ArgumentException>(() => RoundLayout.Analyse(model, 0, 4));
        Assert.Contains("detectors_per_round", noCoords.Message);
    }

    [Theory]
    [InlineData(5, 15, 10)]
    [InlineData(11, 33, 22)]
    public void DefaultsComeFromTheDistance(int d, int window, int commit)
    {
        var o = StreamingOptions.From(DecoderOptions.Empty, StreamingOptions.EstimateDistance(d * d - 1));
        Assert.Equal(window, o.Window);
        Assert.Equal(commit, o.Commit);
        Assert.Throws<ArgumentException>(() => StreamingOptions.From(DecoderOptions.Parse(["window=4", "commit=4"]), 5));
    }

    [Theory]
    [InlineData("rep_mem_d05_r10000_p0.01", 9998UL)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 498UL)]
    [InlineData("sc_rmz_d05_r1000_p0.001", 20UL)]
    public void FlattenedDetectorsBoundCoversWhatAnalyseFlattens(string name, ulong count)
    {
        var model = Model(name, count);
        foreach (int stretch in new[] { 1, 10, 22, 100 })
        {
            var layout = RoundLayout.Analyse(model, 0, stretch);
            ulong bound = RoundLayout.FlattenedDetectorsBound(model, stretch);
            Assert.True((ulong)layout.Truncated.NumDetectors <= bound, $"stretch {stretch}: flattened {layout.Truncated.NumDetectors} > bound {bound}");
            Assert.True(bound <= model.NumDetectors, $"stretch {stretch}: bound {bound} above the whole model's {model.NumDetectors}");
        }
    }
}
