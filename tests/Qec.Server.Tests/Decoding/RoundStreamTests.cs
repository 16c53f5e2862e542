using Grpc.Core;
using Qec.Server.Decoding;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Decoding;

/// <summary>
/// <see cref="RoundStream"/> on its own: the checks run in the documented order (a part breaking
/// several rules is refused for the first), a refused shot is abandoned, and pushes and whole
/// shots give the offline streaming decoder's answers. Model: d=5 repetition code, 12 rounds of
/// 4 detectors, window 4, commit 2.
/// </summary>
public class RoundStreamTests
{
    private static readonly StreamScenario Scenario = StreamScenario.Create(StreamModels.Repetition, 9, 3.0, shots: 6, seed: 2, window: 4, commit: 2);

    private static RoundStream NewStream() => new(Scenario.Compiled.CreateStreamingDecoder(), Scenario.Layout);

    /// <summary>Round 2 of shot 5 broken in several ways at once (after rounds 0 and 1); the first rule in order names it.</summary>
    [Theory]
    [InlineData(3u, 9u, 3u, 2, true, "shot 5: round 3 arrived, expected round 2")]
    [InlineData(2u, 9u, 3u, 2, true, "shot 5 round 2: first detector 9, expected 8")]
    [InlineData(2u, 8u, 3u, 2, true, "shot 5 round 2: 3 detectors, expected 4")]
    [InlineData(2u, 8u, 4u, 2, true, "shot 5 round 2: 2 bytes of detection events for 4 detectors, expected 1")]
    [InlineData(2u, 8u, 4u, 1, true, "shot 5 round 2: padding bits set in byte 0")]
    public void TheFirstBrokenRuleIsReported(uint index, uint first, uint count, int bytes, bool final, string message)
    {
        var stream = NewStream();
        PushGood(stream, 5, 0);
        PushGood(stream, 5, 1);
        var events = new byte[bytes];
        events[0] = 0xF0; // padding bits of a 4-detector round
        var e = Assert.Throws<QecServerException>(() => stream.Push(5, index, first, count, events, final));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Equal(5ul, e.ShotId);
        Assert.StartsWith(message, e.Message);
        Assert.False(stream.IsOpen); // abandoned: the next shot starts at round 0
        Assert.Equal(0, stream.NextRound);
    }

    [Fact]
    public void AnotherShotIsReportedBeforeItsRoundIndex()
    {
        var stream = NewStream();
        PushGood(stream, 5, 0);
        var e = Assert.Throws<QecServerException>(() => stream.Push(6, 7, 0, 0, [], false));
        Assert.StartsWith("shot 6 round 7: shot 5 is still open (round 1 of its 12 rounds is expected next)", e.Message);
    }

    [Fact]
    public void RoundsAndWholeShotsGiveTheOfflineAnswers()
    {
        var stream = NewStream();
        var whole = new byte[Scenario.ObservableBytes];
        for (int s = 0; s < Scenario.Shots; s++)
        {
            var partials = new List<(int, byte[])>();
            for (int r = 0; r < Scenario.Layout.NumRounds; r++)
            {
                var outcome = PushGood(stream, (ulong)s, r, shot: s);
                if ((outcome & RoundOutcome.Committed) != 0)
                {
                    partials.Add((stream.CommittedRounds, stream.CommittedFlips.ToArray()));
                }
                Assert.Equal(r == Scenario.Layout.NumRounds - 1, (outcome & RoundOutcome.Final) != 0);
                Assert.Equal(r < Scenario.Layout.NumRounds - 1, stream.IsOpen);
            }
            Assert.Equal(Scenario.Offline[s].Final, stream.FinalFlips.ToArray());
            Assert.Equal(Scenario.Offline[s].Partials.Count, partials.Count);
            for (int k = 0; k < partials.Count; k++)
            {
                Assert.Equal(Scenario.Offline[s].Partials[k].CommittedRounds, partials[k].Item1);
                Assert.Equal(Scenario.Offline[s].Partials[k].Flips, partials[k].Item2);
            }
            Assert.True(stream.ShotNs > 0);
            stream.DecodeWhole((ulong)s, Scenario.Shot(s), whole);
            Assert.Equal(Scenario.Offline[s].Final, whole);
        }
    }

    [Fact]
    public void AWholeShotWhileAShotIsOpenIsRefused()
    {
        var stream = NewStream();
        PushGood(stream, 5, 0);
        var e = Assert.Throws<QecServerException>(() => stream.DecodeWhole(8, Scenario.Shot(0), new byte[1]));
        Assert.Equal(8ul, e.ShotId);
        Assert.StartsWith("shot 8: a whole shot arrived while shot 5 is still open", e.Message);
    }

    private static RoundOutcome PushGood(RoundStream stream, ulong shotId, int r, int shot = 0)
    {
        var layout = Scenario.Layout;
        return stream.Push(shotId, (uint)r, (uint)layout.RoundFirstDetector(r), (uint)layout.RoundSize(r), Scenario.Round(shot, r), r == layout.NumRounds - 1);
    }
}
