using System.CommandLine;
using System.Net;
using Qec.Core.Decoding;
using Qec.Server.Client;
using Qec.Server.Hosting;
using Qec.Server.Load;
using Qec.Server.Protocol;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd demo</c>: the main job on an embedded default. Starts the server in-process on
/// loopback, then a simulated controller streams sampled shots of the built-in d=5 surface code
/// (circuit-level noise, p = 0.1%) over real gRPC and over the raw path: first a batch run
/// (many shots per message) for the logical error rate and throughput, then one shot in flight
/// for the latency percentiles.
/// </summary>
public static class DemoCommand
{
    /// <summary>Builds the <c>demo</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var shots = new Option<int>("--shots") { Description = "shots per path for the logical error rate (sent in batches)", DefaultValueFactory = _ => 100_000 };
        var latencyShots = new Option<int>("--latency-shots") { Description = "shots per path sent one at a time for latency", DefaultValueFactory = _ => 10_000 };
        var latencyWarmup = new Option<int>("--latency-warmup")
        {
            Description = "unmeasured shots per path before the latency run (enough for the JIT's optimized code: fewer measure first-tier code, ≈ 3× slower)",
            DefaultValueFactory = _ => 20_000,
        };
        var batch = new Option<int>("--batch") { Description = "shots per message in the batch run", DefaultValueFactory = _ => 100 };
        var decoder = new Option<string>("--decoder") { Description = $"decoder: {string.Join(", ", registry.Names)}", DefaultValueFactory = _ => "mwpm" };
        var seed = new Option<ulong>("--seed") { Description = "sampler seed", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "start the server in-process and stream the built-in d=5 surface code over gRPC and raw frames")
        {
            shots, latencyShots, latencyWarmup, batch, decoder, seed,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(shots), nLatency = parse.GetValue(latencyShots), k = parse.GetValue(batch), warmup = parse.GetValue(latencyWarmup);
            if (n < 1 || nLatency < 1 || k < 1 || warmup < 0)
            {
                throw new ArgumentException("--shots, --latency-shots and --batch must be at least 1, --latency-warmup at least 0");
            }
            string decoderName = parse.GetValue(decoder)!;
            registry.Get(decoderName);
            Run(console.Out, registry, decoderName, n, nLatency, warmup, Math.Min(k, n), parse.GetValue(seed)).GetAwaiter().GetResult();
            return 0;
        }));
        return command;
    }

    private static async Task Run(TextWriter output, DecoderRegistry registry, string decoder, int shots, int latencyShots, int latencyWarmup, int batch, ulong seed)
    {
        var model = BuiltInModels.Load();
        output.WriteLine($"model: {BuiltInModels.SurfaceD5} (rotated surface code, d = 5, 5 rounds, circuit-level noise p = 0.1%): " +
                         $"{model.NumDetectors} detectors, {model.NumObservables} observable, {model.NumErrors} error mechanisms");
        var pool = BenchStreamCommand.SamplePool(model, Math.Max(shots, latencyShots), seed);
        output.WriteLine($"sampled {pool.Count} shots (seed {seed}); decoder: {decoder}");

        var options = new QecServerOptions
        {
            GrpcEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            RawEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            BuiltInModels = ServeCommand.BuiltIns(),
        };
        await using var server = await QecServer.StartAsync(options, registry);
        output.WriteLine($"server: grpc {server.GrpcAddress}, raw tcp://{server.RawEndPoint} (in-process, loopback)");
        output.WriteLine();

        var targets = new[]
        {
            new LoadTarget(LoadTransport.Grpc, GrpcAddress: server.GrpcAddress),
            new LoadTarget(LoadTransport.Raw, RawEndPoint: server.RawEndPoint),
        };
        var batchRuns = new List<(string, LoadResult)>();
        var latencyRuns = new List<(string, LoadResult)>();
        var common = new LoadSettings { BuiltInModel = BuiltInModels.SurfaceD5, Decoder = decoder };
        foreach (var target in targets)
        {
            string path = target.IsRaw ? "raw" : "grpc";
            var throughput = await LoadGenerator.RunAsync(target, common with
            {
                ShotsPerStream = shots, WarmupShots = 0, ShotsPerMessage = batch, InFlight = 4,
            }, pool with { Count = shots });
            batchRuns.Add((path, throughput));
            var latency = await LoadGenerator.RunAsync(target, common with
            {
                ShotsPerStream = latencyShots, WarmupShots = latencyWarmup, ShotsPerMessage = 1, InFlight = 1,
            }, pool);
            latencyRuns.Add((path, latency));
        }

        output.WriteLine($"logical error rate ({shots} shots per path, {batch} per message):");
        foreach (var (path, r) in batchRuns)
        {
            double rate = (double)r.LogicalErrors / r.Shots;
            output.WriteLine($"  {path,-5} {r.LogicalErrors} logical errors in {r.Shots} shots: {rate:G3} " +
                             $"(±{Math.Sqrt(rate * (1 - rate) / r.Shots):G2}), {r.ShotsPerSecond:F0} shots/s, " +
                             $"decoder {r.DecoderMicros.Mean:F2} µs/shot mean");
        }
        output.WriteLine();
        output.WriteLine($"latency, one shot in flight ({latencyShots} shots per path after warm-up):");
        BenchStreamCommand.PrintTable(output, latencyRuns);
        BenchStreamCommand.PrintOffline(output, registry.Get(decoder).Compile(model, DecoderOptions.Empty), pool, latencyWarmup, latencyRuns);

        using var channel = QecGrpcChannels.Create(server.GrpcAddress);
        var stats = await new Qec.Server.Protocol.Decoder.DecoderClient(channel).GetStatsAsync(new GetStatsRequest());
        output.WriteLine();
        output.WriteLine($"server stats: {stats.ShotsDecodedGrpc} shots over gRPC, {stats.ShotsDecodedRaw} over raw, " +
                         $"{stats.SessionsCreated} sessions created, {stats.OpenSessions} open, errors: {(stats.Errors.Count == 0 ? "none" : string.Join(", ", stats.Errors.Select(e => $"{e.Key} {e.Value}")))}");
    }
}
