using System.CommandLine;
using System.Globalization;
using Qec.Cli.StreamBench;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Server.Load;
using Qec.Server.Sessions;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd bench stream</c>: a load generator against a running server (<c>qecd serve</c>). S
/// concurrent streams, each its own connection and session, send sampled shots of a model over
/// one path (gRPC or raw, TCP or Unix socket) and time every answer end to end. Prints
/// p50/p90/p99/p99.9/max, throughput and the server's decoder time; with <c>--with-echo</c> it first
/// measures the echo floor on the same transport and quotes the ratios (bench/BENCHMARKING.md). With
/// <c>--round-mode stream</c> the sessions are in stream mode and each shot leaves round by round.
/// </summary>
public static class BenchStreamCommand
{
    /// <summary>Builds the <c>stream</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var grpc = new Option<string?>("--grpc") { Description = "server gRPC address, e.g. http://127.0.0.1:50051" };
        var grpcUnix = new Option<string?>("--grpc-unix") { Description = "server gRPC Unix socket path" };
        var raw = new Option<string?>("--raw") { Description = "server raw endpoint host:port, e.g. 127.0.0.1:50052" };
        var rawUnix = new Option<string?>("--raw-unix") { Description = "server raw Unix socket path" };
        var inProcess = new Option<LoadTransport?>("--in-process")
        {
            Description = "instead of a running server, start one in this process on loopback and use this transport: Grpc, GrpcUnix, Raw or RawUnix " +
                          "(client and server then share one process, as in the echo floor table of BENCHMARKING.md)",
        };
        var serverSpin = new Option<int>("--server-spin-us") { Description = "with --in-process: the server's --raw-spin-us", DefaultValueFactory = _ => 0 };
        var serverDecoderThread = new Option<bool>("--server-decoder-thread") { Description = "with --in-process: the server's --raw-decoder-thread and --grpc-decoder-thread" };
        var model = new Option<string>("--model") { Description = "built-in model the server knows", DefaultValueFactory = _ => BuiltInModels.SurfaceD5 };
        var dem = new Option<FileInfo?>("--dem") { Description = "a .dem file instead of --model (its text is sent to the server)" };
        var circuit = new Option<FileInfo?>("--circuit") { Description = "a Stim circuit instead of --model, analyzed here into its decomposed DEM (whose text is sent)" };
        var decoder = new Option<string>("--decoder") { Description = "decoder name", DefaultValueFactory = _ => "mwpm" };
        var options = new Option<string[]>("--option") { Description = "decoder option key=value (repeatable)", AllowMultipleArgumentsPerToken = true };
        var streams = new Option<int>("--streams") { Description = "concurrent streams", DefaultValueFactory = _ => 1 };
        var shots = new Option<long>("--shots") { Description = "measured shots per stream", DefaultValueFactory = _ => 20_000 };
        var duration = new Option<double?>("--duration") { Description = "measure for this many seconds per stream instead of --shots" };
        var warmup = new Option<long>("--warmup") { Description = "unmeasured shots per stream first", DefaultValueFactory = _ => 5_000 };
        var perMessage = new Option<int>("--shots-per-message") { Description = "shots per gRPC message or raw SHOTS frame (1: SHOT frames)", DefaultValueFactory = _ => 1 };
        var inFlight = new Option<int>("--in-flight") { Description = "messages in flight per stream (1: send, wait, repeat)", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "shots per second per stream (0: as fast as the window allows)", DefaultValueFactory = _ => 0 };
        var spin = new Option<int>("--spin-us") { Description = "raw path: µs the client polls for the answer before blocking (burns a core)", DefaultValueFactory = _ => 0 };
        var echo = new Option<bool>("--echo") { Description = "measure only the echo floor (no decoding)" };
        var withEcho = new Option<bool>("--with-echo") { Description = "measure the echo floor first, then decoding, and print the ratios" };
        var token = new Option<string?>("--token") { Description = "bearer token" };
        var pool = new Option<int>("--pool") { Description = "distinct sampled shots replayed in a cycle", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "sampler seed", DefaultValueFactory = _ => 1 };
        var csv = new Option<FileInfo?>("--csv") { Description = "append one summary row per phase to this CSV file" };
        var png = new Option<FileInfo?>("--png") { Description = "write a latency histogram (PNG)" };
        var rounds = new Option<int[]>("--rounds")
        {
            Description = "round-by-round streaming of the decoder in this process instead of a server: experiments of these many rounds " +
                          "(repeatable, e.g. --rounds 10 1000 100000); the model's repeat block is resized (a flattened model is folded around a bulk round). " +
                          "Reports latency after the final round, decode time per round and the backlog, and plots the backlog of the longest " +
                          "(--png FILE, default stream_backlog_r<rounds>.png in the working directory)",
            AllowMultipleArgumentsPerToken = true,
        };
        var roundMode = new Option<string>("--round-mode")
        {
            Description = "assemble: send whole shots; stream: open stream-mode sessions and send each shot round by round, one message or frame " +
                          "per round (latency: last round sent -> correction received; one shot per message, no echo)",
            DefaultValueFactory = _ => "assemble",
        };
        roundMode.AcceptOnlyFromAmong("assemble", "stream");
        var early = new Option<bool>("--early-corrections") { Description = "with --round-mode stream: ask for a partial correction each time a window commits and count them" };
        var roundPeriod = new Option<double>("--round-us") { Description = "with --rounds: a round arrives every this many µs (backlog)", DefaultValueFactory = _ => 1.1 };
        var paced = new Option<bool>("--paced")
        {
            Description = "with --rounds: push each round no earlier than its arrival time (a round every --round-us) and measure the latency " +
                          "after the final round from its arrival, as a controller would see it (default: rounds pushed back to back)",
        };
        var command = new Command("stream", "load generator: latency percentiles and throughput of a running server; with --rounds: streaming decoding round by round")
        {
            grpc, grpcUnix, raw, rawUnix, inProcess, serverSpin, serverDecoderThread, model, dem, circuit, decoder, options, streams, shots, duration, warmup, perMessage, inFlight, rate,
            spin, echo, withEcho, token, pool, seed, csv, png, rounds, roundPeriod, paced, roundMode, early,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            if (parse.GetValue(rounds) is { Length: > 0 } roundCounts)
            {
                if ((parse.GetValue(grpc) ?? parse.GetValue(grpcUnix) ?? parse.GetValue(raw) ?? parse.GetValue(rawUnix)) is not null || parse.GetValue(inProcess) is not null)
                {
                    throw new ArgumentException("--rounds measures the streaming decoder in this process: leave out --grpc, --grpc-unix, --raw, --raw-unix and --in-process");
                }
                if (parse.GetValue(roundMode) != "assemble" || parse.GetValue(early))
                {
                    throw new ArgumentException("--round-mode and --early-corrections drive a server; --rounds streams in this process: use one or the other");
                }
                var file = parse.GetValue(dem) ?? parse.GetValue(circuit);
                var source = file is null ? BuiltInModels.Load(parse.GetValue(model)!) : ModelArguments.Load(parse.GetValue(dem), parse.GetValue(circuit), console.Error);
                return RoundStreamCommand.Run(console, file?.Name ?? parse.GetValue(model)!, source, roundCounts, parse.GetValue(decoder)!,
                    Core.Decoding.DecoderOptions.Parse(parse.GetValue(options) ?? []), parse.GetResult(shots) is { Implicit: false } ? (int)parse.GetValue(shots) : null,
                    parse.GetValue(seed), parse.GetValue(roundPeriod), parse.GetValue(csv), parse.GetValue(png), parse.GetValue(paced));
            }
            if (parse.GetValue(paced))
            {
                throw new ArgumentException("--paced paces the rounds of --rounds (streaming in this process); add --rounds N");
            }
            using var local = parse.GetValue(inProcess) is { } transport
                ? InProcessServer.Start(transport, parse.GetValue(serverSpin), parse.GetValue(serverDecoderThread), parse.GetValue(grpc) ?? parse.GetValue(grpcUnix) ?? parse.GetValue(raw) ?? parse.GetValue(rawUnix))
                : null;
            var target = local?.Target ?? Target(parse.GetValue(grpc), parse.GetValue(grpcUnix), parse.GetValue(raw), parse.GetValue(rawUnix), parse.GetValue(token));
            var demFile = parse.GetValue(dem) ?? parse.GetValue(circuit);
            var loaded = demFile is null ? BuiltInModels.Load(parse.GetValue(model)!) : ModelArguments.Load(parse.GetValue(dem), parse.GetValue(circuit), console.Error);
            var parsedOptions = DecoderOptions.Parse(parse.GetValue(options) ?? []);
            var decoderOptions = parsedOptions.Values;
            bool streamRounds = parse.GetValue(roundMode) == "stream";
            if (streamRounds && (parse.GetValue(echo) || parse.GetValue(withEcho)))
            {
                throw new ArgumentException("--round-mode stream measures decoding round by round; the echo floor (--echo, --with-echo) is for whole shots");
            }
            var settings = new LoadSettings
            {
                BuiltInModel = demFile is null ? parse.GetValue(model) : null,
                DemText = demFile is null ? null : loaded.ToString(),
                Decoder = parse.GetValue(decoder)!,
                Options = decoderOptions,
                Streams = parse.GetValue(streams),
                ShotsPerStream = parse.GetValue(shots),
                Duration = parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null,
                WarmupShots = parse.GetValue(warmup),
                ShotsPerMessage = parse.GetValue(perMessage),
                InFlight = parse.GetValue(inFlight),
                RatePerStream = parse.GetValue(rate),
                SpinMicros = parse.GetValue(spin),
                RoundMode = streamRounds ? SessionMode.Stream : SessionMode.Assemble,
                EarlyCorrections = parse.GetValue(early),
                Rounds = streamRounds ? LoadSettings.RoundsOf(loaded, decoderOptions) : null,
            };
            settings.Validate();
            var shotPool = SamplePool(loaded, parse.GetValue(pool), parse.GetValue(seed));
            string modelName = demFile?.Name ?? parse.GetValue(model)!;
            console.Out.WriteLine($"target: {target}{(local is null ? "" : " (server in this process)")}   model: {modelName} ({loaded.NumDetectors} detectors, {loaded.NumObservables} observables)   decoder: {settings.Decoder}");
            console.Out.WriteLine(Describe(settings));
            var results = new List<(string Mode, LoadResult Result)>();
            bool echoOnly = parse.GetValue(echo);
            if (echoOnly || parse.GetValue(withEcho))
            {
                results.Add(("echo", Run(target, settings with { Echo = true }, shotPool)));
            }
            if (!echoOnly)
            {
                // "stream" names a round-by-round run in the table and in the CSV's mode column.
                results.Add((streamRounds ? "stream" : "decode", Run(target, settings, shotPool)));
            }
            PrintTable(console.Out, results);
            if (!echoOnly && !streamRounds && registry.TryGet(settings.Decoder, out var factory))
            {
                // After the runs, so it never competes with them for the cores. The decoder is compiled here, where
                // what the server reads (a model= file, a device) may be missing: then only say so.
                ICompiledDecoder? compiled = null;
                try
                {
                    compiled = factory.Compile(loaded, parsedOptions);
                }
                catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    console.Out.WriteLine($"offline decoder time: not measured ({settings.Decoder} does not compile in this process: {e.Message})");
                }
                if (compiled is not null)
                {
                    PrintOffline(console.Out, compiled, shotPool, settings.WarmupShots, results);
                }
            }
            if (parse.GetValue(csv) is { } csvFile)
            {
                AppendCsv(csvFile, modelName, results);
            }
            if (parse.GetValue(png) is { } pngFile)
            {
                SaveHistogram(pngFile, $"{target.Transport} end-to-end latency, {modelName}, {Describe(settings)}", results);
                console.Out.WriteLine($"histogram: {pngFile.FullName}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Samples the shot pool (seeded) with the true observable flips.</summary>
    public static ShotPool SamplePool(DetectorErrorModel model, int shots, ulong seed)
    {
        if (shots < 1)
        {
            throw new ArgumentException($"--pool must be at least 1, found {shots}");
        }
        var sampler = new DemSampler(model);
        var (dets, obs) = sampler.Sample(shots, seed);
        return new ShotPool(dets, obs, shots, sampler.DetectorBytesPerShot, sampler.ObservableBytesPerShot);
    }

    /// <summary>Runs one phase synchronously.</summary>
    public static LoadResult Run(LoadTarget target, LoadSettings settings, ShotPool pool) =>
        LoadGenerator.RunAsync(target, settings, pool).GetAwaiter().GetResult();

    /// <summary>One line describing the load shape.</summary>
    public static string Describe(LoadSettings s) =>
        $"streams {s.Streams}, {(s.Duration is { } d ? $"{d.TotalSeconds:G4} s" : $"{s.ShotsPerStream} shots")}/stream (+{s.WarmupShots} warm-up), " +
        $"{s.ShotsPerMessage} shot(s)/message, {s.InFlight} in flight, rate {(s.RatePerStream > 0 ? $"{s.RatePerStream:G4}/s" : "max")}" +
        (s.SpinMicros > 0 ? $", client spins {s.SpinMicros} µs" : "") +
        (s.RoundMode == SessionMode.Stream ? $", stream round mode: {s.Rounds!.NumRounds} rounds/shot, one per message{(s.EarlyCorrections ? ", early corrections" : "")}" : "");

    /// <summary>Prints the percentile table, the echo ratios and the backlog check.</summary>
    public static void PrintTable(TextWriter output, IReadOnlyList<(string Mode, LoadResult Result)> results)
    {
        output.WriteLine("latency per message, send -> last correction received (µs); decoder time per shot from the server (µs)");
        output.WriteLine($"{"mode",-8}{"shots",10}{"p50",9}{"p90",9}{"p99",9}{"p99.9",9}{"max",10}{"mean",9}{"shots/s",12}{"dec p50",9}{"dec p99",9}");
        foreach (var (mode, r) in results)
        {
            var l = r.LatencyMicros;
            var d = r.DecoderMicros;
            output.WriteLine($"{mode,-8}{r.Shots,10}{l.P50,9:F1}{l.P90,9:F1}{l.P99,9:F1}{l.P999,9:F1}{l.Max,10:F1}{l.Mean,9:F1}{r.ShotsPerSecond,12:F0}{d.P50,9:F2}{d.P99,9:F2}");
        }
        if (results.Count == 2 && results[0].Mode == "echo" && results[1].Mode == "decode")
        {
            var e = results[0].Result.LatencyMicros;
            var x = results[1].Result.LatencyMicros;
            output.WriteLine($"decode / echo: p50 {x.P50 / e.P50:F2}x, p99 {x.P99 / e.P99:F2}x, p99.9 {x.P999 / e.P999:F2}x");
        }
        foreach (var (mode, r) in results)
        {
            bool growing = r.LastDecileP50Micros > 2 * r.FirstDecileP50Micros + 10;
            output.WriteLine($"{mode} backlog: median latency first tenth {r.FirstDecileP50Micros:F1} µs, last tenth {r.LastDecileP50Micros:F1} µs " +
                             $"({(growing ? "GROWING: the server falls behind" : "steady")})");
            if (r.Settings.RoundMode == SessionMode.Stream)
            {
                output.WriteLine($"{mode}: {r.Rounds} rounds sent for {r.Shots} shots; latency is from the last round sent" +
                                 (r.Settings.EarlyCorrections ? $"; early corrections: {r.EarlyCorrections} ({(double)r.EarlyCorrections / Math.Max(1, r.Shots):F2} per shot)" : ""));
            }
            if (r.Settings.Echo is false && r.LogicalErrors > 0)
            {
                output.WriteLine($"{mode} logical errors: {r.LogicalErrors} of {r.Shots} ({(double)r.LogicalErrors / r.Shots:G3})");
            }
        }
    }

    /// <summary>Shots timed cold: enough for a median.</summary>
    private const long ColdShots = 2000;

    /// <summary>
    /// Prints the offline decoder time of the decoding phases' shots, back to back, paced at the
    /// phase's median round trip, and cold (caches flushed before each call), and the server's
    /// decoder-time p50 over each (issue 14's in-server goal: within 1.5× of offline).
    /// </summary>
    public static void PrintOffline(TextWriter output, ICompiledDecoder compiled, ShotPool pool, long warmupShots, IReadOnlyList<(string Mode, LoadResult Result)> results)
    {
        output.WriteLine("offline decoder time, same shots one at a time in this process (µs): back to back | one per median round trip " +
                         $"(spinning between) | cold ({OfflineDecoderTime.ColdEvictionBytes >> 20} MiB written through before each)");
        foreach (var (mode, r) in results.Where(r => r.Result.Settings.Echo is false))
        {
            var backToBack = OfflineDecoderTime.Measure(compiled, pool, warmupShots, r.Shots);
            var paced = OfflineDecoderTime.Measure(compiled, pool, 0, r.Shots, r.LatencyMicros.P50);
            // Writing 4 MiB costs ~0.4 ms a shot: a p50 needs far fewer than the run's shots.
            var cold = OfflineDecoderTime.Measure(compiled, pool, 0, Math.Min(r.Shots, ColdShots), 0, OfflineDecoderTime.ColdEvictionBytes);
            double server = r.DecoderMicros.P50;
            output.WriteLine($"{mode,-8} p50 {backToBack.P50:F2} | {paced.P50:F2} (gap {r.LatencyMicros.P50:F0} µs) | {cold.P50:F2}; server dec p50 {server:F2} = " +
                             $"{server / backToBack.P50:F2}x back to back, {server / paced.P50:F2}x paced, {server / cold.P50:F2}x cold");
        }
    }

    /// <summary>Appends one row per phase (header when the file is new).</summary>
    public static void AppendCsv(FileInfo file, string model, IReadOnlyList<(string Mode, LoadResult Result)> results)
    {
        bool fresh = !file.Exists || file.Length == 0;
        using var writer = new StreamWriter(file.FullName, append: true);
        if (fresh)
        {
            writer.WriteLine("utc,target,model,decoder,mode,streams,shots,shots_per_message,in_flight,rate,p50_us,p90_us,p99_us,p999_us,max_us,mean_us,shots_per_s,decoder_p50_us,decoder_p99_us,logical_errors");
        }
        var c = CultureInfo.InvariantCulture;
        foreach (var (mode, r) in results)
        {
            var s = r.Settings;
            var l = r.LatencyMicros;
            var d = r.DecoderMicros;
            writer.WriteLine(string.Join(",",
                DateTime.UtcNow.ToString("s", c), $"\"{r.Target}\"", model, s.Decoder, mode, s.Streams, r.Shots, s.ShotsPerMessage, s.InFlight,
                s.RatePerStream.ToString(c), l.P50.ToString("F2", c), l.P90.ToString("F2", c), l.P99.ToString("F2", c), l.P999.ToString("F2", c),
                l.Max.ToString("F2", c), l.Mean.ToString("F2", c), r.ShotsPerSecond.ToString("F0", c), d.P50.ToString("F3", c), d.P99.ToString("F3", c),
                r.LogicalErrors));
        }
    }

    /// <summary>
    /// Writes a latency histogram: log-spaced bins from the fastest to the slowest sample, both axes
    /// logarithmic so the body and the tail are both visible; p50 and p99 marked per phase.
    /// </summary>
    public static void SaveHistogram(FileInfo file, string title, IReadOnlyList<(string Mode, LoadResult Result)> results)
    {
        const int bins = 120;
        double lo = double.MaxValue, hi = 0;
        foreach (var (_, r) in results)
        {
            if (r.SortedLatencyMicros.Length > 0)
            {
                lo = Math.Min(lo, r.SortedLatencyMicros[0]);
                hi = Math.Max(hi, r.SortedLatencyMicros[^1]);
            }
        }
        if (hi <= 0)
        {
            throw new InvalidOperationException("no latency samples to plot");
        }
        double logLo = Math.Log10(Math.Max(lo, 0.1)), logHi = Math.Log10(Math.Max(hi, lo * 1.01));
        double width = (logHi - logLo) / bins;
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10().Colors;
        double maxCount = 1;
        for (int i = 0; i < results.Count; i++)
        {
            var (mode, r) = results[i];
            var counts = new double[bins];
            foreach (double v in r.SortedLatencyMicros)
            {
                counts[Math.Clamp((int)((Math.Log10(Math.Max(v, 0.1)) - logLo) / width), 0, bins - 1)]++;
            }
            var xs = new List<double>();
            var ys = new List<double>();
            for (int b = 0; b < bins; b++)
            {
                if (counts[b] > 0)
                {
                    xs.Add(logLo + ((b + 0.5) * width));
                    ys.Add(Math.Log10(counts[b]));
                    maxCount = Math.Max(maxCount, counts[b]);
                }
            }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), palette[i]);
            line.LegendText = $"{mode}: p50 {r.LatencyMicros.P50:F1} µs, p99 {r.LatencyMicros.P99:F1} µs, p99.9 {r.LatencyMicros.P999:F1} µs, max {r.LatencyMicros.Max:F0} µs";
            plot.Add.VerticalLine(Math.Log10(r.LatencyMicros.P50), 1, palette[i]);
            plot.Add.VerticalLine(Math.Log10(r.LatencyMicros.P99), 1, palette[i], ScottPlot.LinePattern.Dashed);
        }
        plot.Axes.Bottom.TickGenerator = Compare.LogTicks.Create(logLo, logHi);
        plot.Axes.Left.TickGenerator = Compare.LogTicks.Create(0, Math.Log10(maxCount));
        plot.Axes.SetLimits(logLo - width, logHi + width, -0.1, Math.Log10(maxCount) + 0.2);
        plot.Title(title, 12);
        plot.XLabel("end-to-end latency (µs, log scale); solid line: p50, dashed: p99");
        plot.YLabel("messages per bin (log scale)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(file.FullName, 1100, 600);
    }

    private static LoadTarget Target(string? grpc, string? grpcUnix, string? raw, string? rawUnix, string? token)
    {
        int named = (grpc is null ? 0 : 1) + (grpcUnix is null ? 0 : 1) + (raw is null ? 0 : 1) + (rawUnix is null ? 0 : 1);
        if (named != 1)
        {
            throw new ArgumentException("name exactly one server endpoint: --grpc URL, --grpc-unix PATH, --raw HOST:PORT or --raw-unix PATH (start a server with 'qecd serve')");
        }
        if (grpc is not null)
        {
            return Uri.TryCreate(grpc, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
                ? new LoadTarget(LoadTransport.Grpc, GrpcAddress: address, Token: token)
                : throw new ArgumentException($"--grpc {grpc}: expected an http:// or https:// address, e.g. http://127.0.0.1:50051");
        }
        if (grpcUnix is not null)
        {
            return new LoadTarget(LoadTransport.GrpcUnix, UnixSocket: grpcUnix, Token: token);
        }
        if (raw is not null)
        {
            return new LoadTarget(LoadTransport.Raw, RawEndPoint: ServeCommand.ParseEndPoint(raw, "--raw"), Token: token);
        }
        return new LoadTarget(LoadTransport.RawUnix, UnixSocket: rawUnix, Token: token);
    }

    /// <summary>A server started inside the benchmark process (ephemeral ports, private socket folder).</summary>
    private sealed class InProcessServer : IDisposable
    {
        private readonly Qec.Server.Hosting.QecServer _server;
        private readonly string _folder;

        private InProcessServer(Qec.Server.Hosting.QecServer server, string folder, LoadTarget target)
        {
            _server = server;
            _folder = folder;
            Target = target;
        }

        public LoadTarget Target { get; }

        public static InProcessServer Start(LoadTransport transport, int spinMicros, bool decoderThread, string? endpoint)
        {
            if (endpoint is not null)
            {
                throw new ArgumentException("--in-process starts its own server: give no --grpc, --grpc-unix, --raw or --raw-unix");
            }
            string folder = Path.Combine(Path.GetTempPath(), "qecd-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            var loopback = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0);
            var options = new Qec.Server.Hosting.QecServerOptions
            {
                GrpcEndPoint = transport == LoadTransport.Grpc ? loopback : null,
                GrpcUnixSocket = transport == LoadTransport.GrpcUnix ? Path.Combine(folder, "grpc.sock") : null,
                RawEndPoint = transport == LoadTransport.Raw ? loopback : null,
                RawUnixSocket = transport == LoadTransport.RawUnix ? Path.Combine(folder, "raw.sock") : null,
                RawSpinMicros = spinMicros,
                RawDecoderThread = decoderThread,
                GrpcDecoderThread = decoderThread,
                BuiltInModels = ServeCommand.BuiltIns(),
            };
            var registry = AllDecoders.Create();
            var server = Qec.Server.Hosting.QecServer.StartAsync(options, registry).GetAwaiter().GetResult();
            var target = transport switch
            {
                LoadTransport.Grpc => new LoadTarget(transport, GrpcAddress: server.GrpcAddress),
                LoadTransport.GrpcUnix => new LoadTarget(transport, UnixSocket: server.GrpcUnixSocket),
                LoadTransport.Raw => new LoadTarget(transport, RawEndPoint: server.RawEndPoint),
                _ => new LoadTarget(transport, UnixSocket: server.RawUnixSocket),
            };
            return new InProcessServer(server, folder, target);
        }

        public void Dispose()
        {
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
