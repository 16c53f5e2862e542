using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;
using Qec.Matching.Streaming;

namespace Qec.Matching.Tests.Streaming;

/// <summary>A decoder without a sliding window streams by buffering the shot, says so, and answers as whole-shot decoding.</summary>
public sealed class FallbackStreamingTests
{
    /// <summary>A decoder kind the streaming layer does not know (it is mwpm under another name).</summary>
    private sealed class OtherFactory : IDecoderFactory
    {
        public string Name => "other";

        public string Description => "test decoder without a sliding window";

        public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options) => MwpmCompiledDecoder.FromDem(model);
    }

    [Fact]
    public void OtherDecodersFallBackToWholeShotWithANote()
    {
        var registry = MatchingDecoders.Register(new DecoderRegistry(new OtherFactory()));
        var model = StreamingHarness.Model("rep_mem_d05_r10000_p0.01", 20);
        var fallback = StreamingDecoders.Compile(registry, "other", model, DecoderOptions.Empty);
        Assert.Contains("no sliding-window mode", fallback.Note);
        Assert.Equal(0, fallback.Window);
        var windowed = StreamingDecoders.Compile(registry, "mwpm", model, DecoderOptions.Empty);
        Assert.Null(windowed.Note);
        Assert.True(windowed.Window > 0);
        var stream = fallback.CreateStreamingDecoder();
        var whole = MwpmCompiledDecoder.FromDem(model).CreateDecoder();
        var sampler = new DemSampler(model);
        var (dets, _) = sampler.Sample(50, 9);
        int bytes = sampler.DetectorBytesPerShot;
        var expected = new byte[1];
        for (int s = 0; s < 50; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            whole.Decode(shot, expected);
            Assert.Equal(expected[0], StreamingHarness.DecodeShot(stream, fallback.Layout, shot));
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
        }
        Assert.Throws<KeyNotFoundException>(() => StreamingDecoders.Compile(registry, "nope", model, DecoderOptions.Empty));
    }
}
