using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Sampling;
using Qec.Matching.Streaming;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// Bad streams are rejected with a precise message and leave the stream as it was, so that no
/// committed correction is lost or counted twice: after a rejected round the right round still
/// continues the shot to the same answer as an undisturbed stream.
/// </summary>
public sealed class StreamOrderTests
{
    private static readonly Lazy<(SlidingWindowCompiledDecoder Compiled, byte[] Shots, int Bytes)> Setup = new(() =>
    {
        var model = StreamingHarness.Model("rep_mem_d05_r10000_p0.01", 60);
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, StreamingHarness.Options(8, 3));
        var sampler = new DemSampler(model);
        var (dets, _) = sampler.Sample(20, 3);
        return (compiled, dets, sampler.DetectorBytesPerShot);
    });

    private static byte[] Round(RoundLayout layout, ReadOnlySpan<byte> shot, int r)
    {
        var packed = new byte[(layout.RoundSize(r) + 7) >> 3];
        RoundBits.Slice(shot, layout.RoundFirstDetector(r), layout.RoundSize(r), packed);
        return packed;
    }

    public static TheoryData<string, string> BadRounds => new()
    {
        { "skip", "rounds 5..5 are missing" },
        { "repeat", "round 4 arrived again or out of order" },
        { "short", "round 5 has 4 detectors (1 bytes packed), got 0 bytes" },
        { "long", "round 5 has 4 detectors (1 bytes packed), got 2 bytes" },
        { "padding", "padding bits after detector 3" },
    };

    [Theory]
    [MemberData(nameof(BadRounds))]
    public void ABadRoundIsRejectedAndTheStreamGoesOnUnchanged(string kind, string message)
    {
        var (compiled, shots, bytes) = Setup.Value;
        var layout = compiled.Layout;
        Span<byte> obs = stackalloc byte[1];
        for (int s = 0; s < 20; s++)
        {
            var shot = shots.AsSpan(s * bytes, bytes);
            var reference = compiled.CreateStreamingDecoder();
            byte expected = StreamingHarness.DecodeShot(reference, layout, shot);
            var stream = compiled.CreateStreamingDecoder();
            for (int r = 0; r < layout.NumRounds; r++)
            {
                if (r == 5)
                {
                    long committed = stream.CommittedEvents;
                    var ex = Assert.Throws<ArgumentException>(() =>
                    {
                        Span<byte> o = stackalloc byte[1];
                        switch (kind)
                        {
                            case "skip": stream.PushRound(6, Round(layout, shots.AsSpan(s * bytes, bytes), 6), o); break;
                            case "repeat": stream.PushRound(4, Round(layout, shots.AsSpan(s * bytes, bytes), 4), o); break;
                            case "short": stream.PushRound(5, [], o); break;
                            case "long": stream.PushRound(5, new byte[2], o); break;
                            default: stream.PushRound(5, [0x10], o); break;
                        }
                    });
                    Assert.Contains(message, ex.Message);
                    Assert.Equal(5, stream.NextRound);
                    Assert.Equal(committed, stream.CommittedEvents);
                }
                stream.PushRound(r, Round(layout, shot, r), obs);
            }
            stream.Finish(obs);
            Assert.Equal(expected, obs[0]);
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
        }
    }

    [Fact]
    public void FinishingEarlyOrPushingPastTheEndIsRejected()
    {
        var (compiled, shots, bytes) = Setup.Value;
        var layout = compiled.Layout;
        var stream = compiled.CreateStreamingDecoder();
        var obs = new byte[1];
        for (int r = 0; r < 10; r++)
        {
            stream.PushRound(r, Round(layout, shots.AsSpan(0, bytes), r), obs);
        }
        var early = Assert.Throws<InvalidOperationException>(() => stream.Finish(obs));
        Assert.Contains($"after 10 of {layout.NumRounds} rounds", early.Message);
        for (int r = 10; r < layout.NumRounds; r++)
        {
            stream.PushRound(r, Round(layout, shots.AsSpan(0, bytes), r), obs);
        }
        var late = Assert.Throws<ArgumentException>(() => stream.PushRound(layout.NumRounds, [0], obs));
        Assert.Contains("after the last round", late.Message);
        stream.Finish(obs);
        var outOfRound = Assert.Throws<ArgumentException>(() =>
        {
            stream.Reset();
            stream.PushRoundEvents(0, [4], obs);
        });
        Assert.Contains("outside the round's 4 detectors", outOfRound.Message);
        var twice = Assert.Throws<ArgumentException>(() => stream.PushRoundEvents(0, [1, 2, 1], obs));
        Assert.Contains("detector 1 is listed twice", twice.Message);
        Assert.Equal(0, stream.NextRound);
    }

    /// <summary>
    /// Every commit reports the logical frame so far; the frames only ever grow by committed groups, so
    /// the last reported frame XOR what the final window adds is the answer, each event is committed
    /// exactly once, and committed rounds never move backwards.
    /// </summary>
    [Fact]
    public void CommitsAreMonotoneAndEveryEventIsCommittedOnce()
    {
        var (compiled, shots, bytes) = Setup.Value;
        var layout = compiled.Layout;
        var stream = compiled.CreateStreamingDecoder();
        var obs = new byte[1];
        int commits = 0;
        for (int s = 0; s < 20; s++)
        {
            stream.Reset();
            var shot = shots.AsSpan(s * bytes, bytes);
            int committedRounds = 0;
            for (int r = 0; r < layout.NumRounds; r++)
            {
                if (stream.PushRound(r, Round(layout, shot, r), obs))
                {
                    commits++;
                    Assert.True(stream.CommittedRounds <= r + 1);
                }
                Assert.True(stream.CommittedRounds >= committedRounds);
                committedRounds = stream.CommittedRounds;
            }
            stream.Finish(obs);
            Assert.Equal(layout.NumRounds, stream.CommittedRounds);
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
            Assert.Equal(0, stream.PendingEvents);
        }
        Assert.True(commits >= 20 * 5, $"only {commits} commits: windows were not used");
    }
}
