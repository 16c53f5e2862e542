using System.Diagnostics;

namespace Qec.Server.Load;

/// <summary>
/// Drives S concurrent streams (each its own connection, session and thread or task) against a
/// running server and gathers what they measured. Latency is end to end: from the moment a
/// message is handed to the client library (or is due, with a rate) to the moment its last
/// correction has been read.
/// </summary>
public static class LoadGenerator
{
    /// <summary>Runs the load; returns when every stream has finished.</summary>
    public static async Task<LoadResult> RunAsync(LoadTarget target, LoadSettings settings, ShotPool pool)
    {
        settings.Validate();
        if (pool.Count < settings.ShotsPerMessage)
        {
            throw new ArgumentException($"the shot pool ({pool.Count} shots) is smaller than one message ({settings.ShotsPerMessage} shots)");
        }
        // Messages replay the pool; it must hold whole messages.
        pool = pool with { Count = pool.Count / settings.ShotsPerMessage * settings.ShotsPerMessage };
        var streams = new Task<StreamRecord>[settings.Streams];
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = target.IsRaw
                ? Task.Factory.StartNew(() => new RawStreamDriver(target, settings, pool).Run(), TaskCreationOptions.LongRunning)
                : Task.Run(() => new GrpcStreamDriver(target, settings, pool).RunAsync());
        }
        var records = await Task.WhenAll(streams).ConfigureAwait(false);
        return LoadResult.From(target, settings, records);
    }

    internal static void CheckLayout(int detectorBytes, int observableBytes, ShotPool pool)
    {
        if (detectorBytes != pool.DetectorBytes || observableBytes != pool.ObservableBytes)
        {
            throw new ArgumentException(
                $"the server's session takes {detectorBytes}-byte shots and answers {observableBytes} bytes, but the shots sampled here have " +
                $"{pool.DetectorBytes} and {pool.ObservableBytes}: the server and this client use different models");
        }
    }

    internal static void CheckRounds(int serverRounds, ShotRounds? rounds)
    {
        if (rounds is not null && serverRounds != rounds.Count)
        {
            throw new ArgumentException(
                $"the server's stream-mode session takes {serverRounds} rounds per shot, but the model here has {rounds.Count}: " +
                "the server and this client use different models or round options");
        }
    }
}
