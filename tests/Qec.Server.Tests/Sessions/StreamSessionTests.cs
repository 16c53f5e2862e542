using Qec.Core.Dem;
using Qec.Server.Metrics;
using Qec.Server.Sessions;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Sessions;

/// <summary>
/// Stream-mode sessions in the registry: one cache, two kinds of entry (the mode is part of the
/// key), no whole-shot decoder compiled for a stream session, and the session's layout fields.
/// </summary>
public class StreamSessionTests
{
    private static SessionRegistry Registry(out CompiledDecoderCache cache)
    {
        cache = new CompiledDecoderCache();
        var models = new ModelCatalog(new Dictionary<string, Func<DetectorErrorModel>>
        {
            ["rep"] = () => DetectorErrorModel.Parse(TestModels.RepetitionCode()),
        });
        return new SessionRegistry(StreamModels.Decoders(), models, cache, new ServerMetrics(cache), new SessionLimits(8, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void StreamAndAssembleSessionsOfOneModelHoldDifferentEntries()
    {
        using var registry = Registry(out var cache);
        var options = new Dictionary<string, string> { ["window"] = "3", ["commit"] = "1" };
        var assemble = registry.Create(new SessionRequest(null, "rep", "mwpm", options, false), false, out bool r1);
        var stream = registry.Create(new SessionRequest(null, "rep", "mwpm", options, false, SessionMode.Stream), false, out bool r2);
        var stream2 = registry.Create(new SessionRequest(null, "rep", "mwpm", options, false, SessionMode.Stream, EarlyCorrections: true), false, out bool r3);
        Assert.False(r1);
        Assert.False(r2); // same model, decoder and options, other mode: another entry
        Assert.True(r3);
        Assert.Equal(2, cache.Count);
        Assert.Same(stream.Compiled, stream2.Compiled);
        Assert.NotSame(assemble.Compiled, stream.Compiled);

        Assert.Equal(SessionMode.Stream, stream.Compiled.Key.Mode);
        // The stream entry never compiled a whole-shot decoder.
        var e = Assert.Throws<InvalidOperationException>(() => stream.Compiled.Decoder);
        Assert.Contains("streaming decoder (stream mode)", e.Message);
        Assert.Throws<InvalidOperationException>(() => assemble.Compiled.Streaming);

        Assert.Equal(6, stream.NumRounds); // rep6: time coordinates 0..5
        Assert.Equal(3, stream.WindowRounds);
        Assert.Equal(1, stream.CommitRounds);
        Assert.Null(stream.Note);
        Assert.Equal(30, stream.NumDetectors);
        Assert.False(stream.EarlyCorrections);
        Assert.True(stream2.EarlyCorrections);
        Assert.Equal(0, assemble.NumRounds);
        Assert.Null(assemble.Layout);

        registry.Close(stream);
        Assert.Equal(2, cache.Count);
        registry.Close(stream2);
        Assert.Equal(1, cache.Count);
        registry.Close(assemble);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AFailedStreamingCompilationLeavesNoEntry()
    {
        using var registry = Registry(out var cache);
        var bad = new Dictionary<string, string> { ["window"] = "4", ["commit"] = "4" };
        var e = Assert.Throws<QecServerException>(() => registry.Create(new SessionRequest(null, "rep", "uf", bad, false, SessionMode.Stream), false, out _));
        Assert.Equal(global::Grpc.Core.StatusCode.InvalidArgument, e.Code);
        Assert.Equal("decoder 'uf' cannot stream this model: streaming option commit=4: must be between 1 and window-1 = 3", e.Message);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, registry.Count);
    }
}
