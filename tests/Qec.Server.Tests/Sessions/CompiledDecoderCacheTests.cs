using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Server.Metrics;
using Qec.Server.Sessions;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Sessions;

public class CompiledDecoderCacheTests
{
    private static SessionRegistry Registry(out CompiledDecoderCache cache)
    {
        cache = new CompiledDecoderCache();
        var models = new ModelCatalog(new Dictionary<string, Func<DetectorErrorModel>>
        {
            ["rep"] = () => DetectorErrorModel.Parse(TestModels.RepetitionCode()),
        });
        return new SessionRegistry(TestServer.Decoders(), models, cache, new ServerMetrics(cache), new SessionLimits(8, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void EqualModelsShareOneCompiledDecoderUntilTheLastSessionCloses()
    {
        using var registry = Registry(out var cache);
        var empty = new Dictionary<string, string>();
        var a = registry.Create(new SessionRequest(null, "rep", "parity", empty, false), false, out bool reusedA);
        // The same model as text (different formatting, same canonical text) hits the same entry.
        var b = registry.Create(new SessionRequest(TestModels.RepetitionCode().Replace("\n", "\n\n"), null, "parity", empty, false), false, out bool reusedB);
        var c = registry.Create(new SessionRequest(null, "rep", "parity", new Dictionary<string, string> { ["delay_us"] = "0" }, false), false, out bool reusedC);
        Assert.False(reusedA);
        Assert.True(reusedB);
        Assert.False(reusedC); // other options, other entry
        Assert.Same(a.Compiled, b.Compiled);
        Assert.Equal(2, cache.Count);
        registry.Close(a);
        Assert.Equal(2, cache.Count);
        registry.Close(b);
        registry.Close(b); // idempotent
        Assert.Equal(1, cache.Count);
        registry.Close(c);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void AGpuDecodersDeviceMemoryIsFreedWithItsLastSession()
    {
        // A bposd session on ILGPU's CPU accelerator: the compiled decoder owns device buffers.
        using var registry = Registry(out var cache);
        var model = Qec.Core.Generators.CodeGenerators.RepetitionCode(3, 1, Qec.Core.Generators.NoiseModel.CodeCapacity, 0.1);
        var options = new Dictionary<string, string> { ["device"] = "ilgpu-cpu" };
        var a = registry.Create(new SessionRequest(model.ToString(), null, "bposd", options, false), false, out _);
        var b = registry.Create(new SessionRequest(model.ToString(), null, "bposd", options, false), false, out _);
        var gpu = ((Qec.BeliefPropagation.Decoders.BpCompiledDecoder)a.Compiled.Decoder).Gpu!;
        var flips = new byte[1];
        gpu.Decode(new byte[1], flips, 1, [], []);
        registry.Close(a);
        gpu.Decode(new byte[1], flips, 1, [], []);  // b still holds it
        registry.Close(b);
        Assert.Equal(0, cache.Count);
        Assert.Throws<ObjectDisposedException>(() => gpu.Decode(new byte[1], flips, 1, [], []));
    }

    [Fact]
    public void TooManySessionsIsResourceExhausted()
    {
        using var registry = Registry(out _);
        var empty = new Dictionary<string, string>();
        for (int i = 0; i < 8; i++)
        {
            registry.Create(new SessionRequest(null, "rep", "parity", empty, false), false, out _);
        }
        var e = Assert.Throws<QecServerException>(() => registry.Create(new SessionRequest(null, "rep", "parity", empty, false), false, out _));
        Assert.Equal(global::Grpc.Core.StatusCode.ResourceExhausted, e.Code);
    }

    [Fact]
    public void FailedCompilationLeavesNoEntry()
    {
        using var registry = Registry(out var cache);
        var e = Assert.Throws<QecServerException>(() =>
            registry.Create(new SessionRequest(null, "rep", "refuses", new Dictionary<string, string>(), false), false, out _));
        Assert.Contains("decoder 'refuses' cannot take this model: this test decoder takes no model", e.Message);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void IdleDetachedSessionsAreClosedByTheSweeper()
    {
        var cache = new CompiledDecoderCache();
        var models = new ModelCatalog(new Dictionary<string, Func<DetectorErrorModel>> { ["rep"] = () => DetectorErrorModel.Parse(TestModels.RepetitionCode()) });
        using var registry = new SessionRegistry(TestServer.Decoders(), models, cache, new ServerMetrics(cache), new SessionLimits(8, TimeSpan.FromMilliseconds(200)));
        var empty = new Dictionary<string, string>();
        var held = registry.Create(new SessionRequest(null, "rep", "parity", empty, false), false, out _);
        held.Attach();
        var idle = registry.Create(new SessionRequest(null, "rep", "parity", empty, false), false, out _);
        for (int i = 0; i < 100 && !idle.IsClosed; i++)
        {
            Thread.Sleep(20);
        }
        Assert.True(idle.IsClosed);
        Assert.False(held.IsClosed);
        Assert.Equal(1, registry.Count);
    }
}
