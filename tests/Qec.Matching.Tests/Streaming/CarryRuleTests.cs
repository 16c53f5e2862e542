using System.Globalization;
using System.Text;
using Qec.Core.Dem;
using Qec.Matching.Mwpm;
using Qec.Matching.Streaming;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// The carry and forced-commit rules on a hand-checkable model: one detector per round, time-like
/// edges of p = 0.1 (weight 2.20) and a boundary edge of p = 0.004 (weight 5.52) flipping L0 on every
/// detector. A lone event reaches the cut through k time-like edges (≈ 2.2k + 0.04) or the boundary
/// (5.52): it prefers the cut when k ≤ 2. Whole-shot decoding matches it to the boundary (prediction 1).
/// </summary>
public sealed class CarryRuleTests
{
    private static DetectorErrorModel Chain(int rounds)
    {
        var text = new StringBuilder();
        for (int t = 0; t < rounds; t++)
        {
            if (t + 1 < rounds)
            {
                text.Append(CultureInfo.InvariantCulture, $"error(0.1) D{t} D{t + 1}\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"error(0.004) D{t} L0\ndetector(0, {t}) D{t}\n");
        }
        return DetectorErrorModel.Parse(text.ToString());
    }

    [Fact]
    public void AMatchIntoTheCutIsCarriedAndDecodedAgainWithMoreFuture()
    {
        var model = Chain(10);
        var whole = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var expected = new byte[1];
        whole.Decode(new byte[] { 0b10, 0 }, expected);
        Assert.Equal(1, expected[0]);

        // W = 3, C = 2: window [0, 3) sees the event (round 1) two edges from the cut → carried, so the
        // next window starts at round 1, where the event is three edges from the cut → boundary, committed.
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, StreamingHarness.Options(3, 2));
        var stream = compiled.CreateStreamingDecoder();
        var obs = new byte[1];
        Assert.False(stream.PushRoundEvents(0, [], obs));
        Assert.False(stream.PushRoundEvents(1, [0], obs));
        Assert.True(stream.PushRoundEvents(2, [], obs));
        Assert.Equal(1, stream.CommittedRounds); // carried: not 2
        Assert.Equal(0, stream.CommittedEvents);
        Assert.Equal(0, obs[0]);
        Assert.True(stream.PushRoundEvents(3, [], obs));
        Assert.Equal(1, stream.CommittedEvents);
        Assert.Equal(1, obs[0]); // committed to the boundary, flipping L0
        for (int r = 4; r < 10; r++)
        {
            stream.PushRoundEvents(r, [], obs);
        }
        stream.Finish(obs);
        Assert.Equal(expected[0], obs[0]);
        Assert.Equal(0, stream.ForcedCommits);
    }

    [Fact]
    public void WithNoRoomToMoveTheCutIsTakenAsABoundaryAndCounted()
    {
        // W = 2, C = 1: the event (round 1) is always at most two edges from the cut, so at the window
        // start it is forced: committed with the cut as boundary (no L0) — the documented accuracy cost.
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", Chain(10), StreamingHarness.Options(2, 1));
        var stream = compiled.CreateStreamingDecoder();
        var obs = new byte[1];
        for (int r = 0; r < 10; r++)
        {
            stream.PushRoundEvents(r, r == 1 ? [0] : [], obs);
        }
        stream.Finish(obs);
        Assert.Equal(1, stream.ForcedCommits);
        Assert.Equal(1, stream.CommittedEvents);
        Assert.Equal(0, obs[0]);
    }
}
