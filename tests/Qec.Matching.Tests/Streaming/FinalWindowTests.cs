using Qec.Core.Decoding;
using Qec.Matching.Streaming;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// The end of a stream: at the penultimate round everything with a full buffer after it is committed,
/// so the decode after the last round spans W − C + 1 rounds for every length R (whatever R mod C is);
/// and the precompiled schedule covers every window of a shot that carries nothing.
/// </summary>
public sealed class FinalWindowTests
{
    [Theory]
    [InlineData(10UL)] // R = 25
    [InlineData(11UL)] // R = 27
    [InlineData(12UL)] // R = 29
    [InlineData(13UL)] // R = 31
    [InlineData(14UL)] // R = 33
    [InlineData(3UL)] // R = 11
    [InlineData(1UL)] // R = 7 < W: only the penultimate window and the last one
    public void PenultimateRoundLeavesBufferPlusOneRounds(ulong count)
    {
        var model = StreamingHarness.Model("sc_rmz_d05_r1000_p0.001", count);
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, StreamingHarness.Options(8, 3));
        int graphs = compiled.CompiledWindows;
        var stream = compiled.CreateStreamingDecoder();
        int rounds = compiled.Layout.NumRounds, buffer = compiled.Window - compiled.Commit;
        var frame = new byte[1];
        for (int shot = 0; shot < 2; shot++)
        {
            stream.Reset();
            for (int r = 0; r < rounds - 1; r++)
            {
                stream.PushRound(r, new byte[(compiled.Layout.RoundSize(r) + 7) >> 3], frame);
                if (r < rounds - 2)
                {
                    // Before the penultimate round only whole regular windows commit: C rounds at a time.
                    Assert.Equal(0, stream.CommittedRounds % compiled.Commit);
                }
            }
            Assert.Equal(rounds - 1 - buffer, stream.CommittedRounds);
            stream.PushRound(rounds - 1, new byte[(compiled.Layout.RoundSize(rounds - 1) + 7) >> 3], frame);
            stream.Finish(frame);
            Assert.Equal(rounds, stream.CommittedRounds);
            Assert.Equal(0, frame[0]);
        }
        Assert.Equal(graphs, compiled.CompiledWindows); // nothing carried: every graph was precompiled
    }

    [Fact]
    public void EveryEventIsCommittedOnceAcrossThePenultimateWindow()
    {
        // Dense random shots (p = 5%) so that matches straddle the penultimate cut and get carried.
        var model = StreamingHarness.Model("rep_mem_d05_r10000_p0.01", 40);
        var flat = model.Flatten();
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Parse(["window=6", "commit=2", "distance=5"]));
        var whole = Qec.Matching.Mwpm.MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var stream = compiled.CreateStreamingDecoder();
        var rng = new Random(5);
        int bytes = (flat.NumDetectors + 7) / 8, agree = 0;
        var shot = new byte[bytes];
        var w = new byte[1];
        for (int s = 0; s < 300; s++)
        {
            Array.Clear(shot);
            for (int d = 0; d < flat.NumDetectors; d++)
            {
                if (rng.NextDouble() < 0.05)
                {
                    shot[d >> 3] |= (byte)(1 << (d & 7));
                }
            }
            byte p = StreamingHarness.DecodeShot(stream, compiled.Layout, shot);
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
            whole.Decode(shot, w);
            agree += p == (w[0] & 1) ? 1 : 0;
        }
        Assert.True(agree >= 240, $"streaming agreed with whole-shot on only {agree} of 300 dense shots");
    }

    [Fact]
    public void AModelWithoutBoundaryStreamsWithoutFailing()
    {
        // A ring repetition code (periodic: no boundary edge anywhere). Only even event sets are matchable
        // on the final window, so a speculative decode of a partial set there must not be attempted.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 4; i++)
        {
            text.AppendLine(System.FormattableString.Invariant($"detector({i}, 0, 0) D{i}"));
        }
        text.AppendLine("repeat 30 {");
        for (int i = 0; i < 4; i++)
        {
            text.AppendLine(System.FormattableString.Invariant($"error(0.04) D{i} D{(i + 1) % 4}{(i == 3 ? " L0" : "")}"));
            text.AppendLine(System.FormattableString.Invariant($"error(0.03) D{i} D{i + 4}"));
        }
        text.AppendLine("shift_detectors(0, 0, 1) 4");
        for (int i = 0; i < 4; i++)
        {
            text.AppendLine(System.FormattableString.Invariant($"detector({i}, 0, 0) D{i}"));
        }
        text.AppendLine("}");
        for (int i = 0; i < 4; i++)
        {
            text.AppendLine(System.FormattableString.Invariant($"error(0.04) D{i} D{(i + 1) % 4}{(i == 3 ? " L0" : "")}"));
        }
        var model = Qec.Core.Dem.DetectorErrorModel.Parse(text.ToString(), "ring");
        var compiled = SlidingWindowCompiledDecoder.Compile("mwpm", model, DecoderOptions.Parse(["window=6", "commit=3"]));
        var stream = compiled.CreateStreamingDecoder();
        var whole = Qec.Matching.Mwpm.MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var (dets, _) = new Qec.Core.Sampling.DemSampler(model).Sample(300, 9);
        int bytes = (int)((model.NumDetectors + 7) / 8), agree = 0;
        var w = new byte[1];
        for (int s = 0; s < 300; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            byte p = StreamingHarness.DecodeShot(stream, compiled.Layout, shot);
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
            whole.Decode(shot, w);
            agree += p == (w[0] & 1) ? 1 : 0;
        }
        Assert.True(agree >= 270, $"streaming agreed with whole-shot on {agree} of 300 shots");
    }
}
