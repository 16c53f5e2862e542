using System.Net;
using System.Net.Sockets;
using Qec.Core.Dem;
using Qec.Server.Client;
using Qec.Server.Hosting;
using Qec.Server.Metrics;
using Qec.Server.Raw;
using Qec.Server.Sessions;
using Qec.Server.Tests.Support;

namespace Qec.Server.Tests.Raw;

/// <summary>
/// The raw path allocates nothing per frame: a connection served on the test's own thread
/// allocates the same whether it handles 200 or 20,200 SHOT frames (the difference is the
/// per-frame cost; the fixed cost of the connection cancels). The same holds for stream-mode
/// ROUND frames through the sliding-window decoder, early corrections included.
/// </summary>
public class RawConnectionAllocationTests
{
    [Fact]
    public void ServingShotFramesAllocatesNothingPerFrame()
    {
        long few = AllocatedServing(200);
        long many = AllocatedServing(20_200);
        // Tolerance: 64 KB over 20,000 frames (3 B/frame) absorbs a few 16 KB pipe segments that
        // the shared array pool may have to allocate again after a gen-2 collection trimmed it
        // (other tests run in parallel); the smallest per-frame allocation, an empty object,
        // would cost 24 B/frame = 480 KB.
        Assert.True(many - few < 64 * 1024, $"200 frames: {few} B, 20,200 frames: {many} B allocated on the connection thread");
    }

    private static long AllocatedServing(int frames)
    {
        var cache = new CompiledDecoderCache();
        var metrics = new ServerMetrics(cache);
        var models = new ModelCatalog(new Dictionary<string, Func<DetectorErrorModel>> { ["rep"] = () => DetectorErrorModel.Parse(TestModels.RepetitionCode()) });
        using var sessions = new SessionRegistry(TestServer.Decoders(), models, cache, metrics, new SessionLimits(4, Timeout.InfiniteTimeSpan));
        var shots = Shots.Random(64, TestModels.RepetitionDetectors(), seed: 3);
        var w = new RawFrameWriter(1 << 20);
        w.WriteHello(null);
        w.WriteOpen(RawProtocol.ModelKindBuiltIn, "rep", "parity", "", softOutput: false);
        for (int f = 0; f < frames; f++)
        {
            w.WriteShot((ulong)f, shots.AsSpan((f % 64) * 4, 4));
        }
        w.WriteEmpty(RawFrameType.Close);
        var (allocated, received) = Serve(sessions, metrics, w.WrittenSpan.ToArray());
        // HELLO_OK (8 + 8), OPENED (8 + 60), one CORRECTION (8 + 12 + 1) per frame, CLOSED (8 + 8).
        Assert.Equal(16 + 68 + ((long)frames * (RawProtocol.HeaderSize + RawProtocol.CorrectionFlipsOffset + 1)) + 16, received);
        return allocated;
    }

    [Fact]
    public void ServingStreamModeRoundsAllocatesNothingPerRound()
    {
        // 64 sampled shots of a 49-round repetition code (window 8, commit 4, ~11 commits per shot);
        // both runs cycle the same 64 shots, so every window graph and matcher the shots need is
        // built in both (a window moved by a carried match is compiled on first use).
        var scenario = StreamScenario.Create(StreamModels.Repetition, 46, 3.0, shots: 64, seed: 19, window: 8, commit: 4);
        long few = AllocatedStreaming(scenario, 64);
        long many = AllocatedStreaming(scenario, 64 + 1280);
        int rounds = 1280 * scenario.Layout.NumRounds;
        // Tolerance: 64 KB over 62,720 rounds (~1 B/round), as above; an empty object per round would be 1.5 MB.
        Assert.True(many - few < 64 * 1024, $"64 shots: {few} B, 1,344 shots: {many} B allocated on the connection thread ({rounds} rounds more)");
    }

    private static long AllocatedStreaming(StreamScenario scenario, int shots)
    {
        var cache = new CompiledDecoderCache();
        var metrics = new ServerMetrics(cache);
        using var sessions = new SessionRegistry(StreamModels.Decoders(), new ModelCatalog(new Dictionary<string, Func<DetectorErrorModel>>()), cache, metrics,
            new SessionLimits(4, Timeout.InfiniteTimeSpan));
        var layout = scenario.Layout;
        var rounds = new byte[scenario.Shots][][];
        long partials = 0;
        for (int s = 0; s < scenario.Shots; s++)
        {
            rounds[s] = [.. Enumerable.Range(0, layout.NumRounds).Select(r => scenario.Round(s, r))];
        }
        for (int s = 0; s < shots; s++)
        {
            partials += scenario.Offline[s % scenario.Shots].Partials.Count;
        }

        var w = new RawFrameWriter(1 << 20);
        w.WriteHello(null);
        string options = string.Join('\n', scenario.Options.Select(kv => kv.Key + "=" + kv.Value));
        w.WriteOpen(RawProtocol.ModelKindDemText, scenario.DemText, scenario.Decoder, options,
            (byte)(RawProtocol.FlagStream | RawProtocol.FlagEarlyCorrections));
        for (int s = 0; s < shots; s++)
        {
            for (int r = 0; r < layout.NumRounds; r++)
            {
                w.WriteRound((ulong)s, (uint)r, (uint)layout.RoundFirstDetector(r), (uint)layout.RoundSize(r), rounds[s % scenario.Shots][r], r == layout.NumRounds - 1);
            }
        }
        w.WriteEmpty(RawFrameType.Close);
        var (allocated, received) = Serve(sessions, metrics, w.WrittenSpan.ToArray());
        // HELLO_OK (8 + 8), OPENED (8 + 60), per shot one CORRECTION (8 + 12 + 1) and its
        // COMMITTED frames (8 + 16 + 1 each, as many as offline), CLOSED (8 + 8): every answer came.
        Assert.Equal(16 + 68 + (shots * 21L) + (partials * 25) + 16, received);
        return allocated;
    }

    /// <summary>
    /// Serves one raw connection on this thread while a client thread sends <paramref name="request"/>,
    /// half-closes and reads every answer; returns the bytes allocated on the connection thread and the
    /// bytes the client received.
    /// </summary>
    private static (long Allocated, long Received) Serve(SessionRegistry sessions, ServerMetrics metrics, byte[] request)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = Task.Factory.StartNew(() =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(listener.LocalEndPoint!);
            var reader = Task.Factory.StartNew(() =>
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = socket.Receive(buffer)) > 0)
                {
                    total += n;
                }
                return total;
            }, TaskCreationOptions.LongRunning);
            socket.Send(request);
            socket.Shutdown(SocketShutdown.Send);
            return reader.Result;
        }, TaskCreationOptions.LongRunning);

        using var accepted = listener.Accept();
        var connection = new RawConnection(accepted, sessions, metrics, new QecServerOptions());
        long before = GC.GetAllocatedBytesForCurrentThread();
        connection.Run();
        return (GC.GetAllocatedBytesForCurrentThread() - before, client.Result);
    }
}
