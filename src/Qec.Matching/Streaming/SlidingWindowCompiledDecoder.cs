using System.Collections.Concurrent;
using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;

namespace Qec.Matching.Streaming;

/// <summary>
/// Sliding-window (overlapping recovery) streaming for "mwpm" and "uf" (Dennis et al., J. Math. Phys.
/// 43, 4452 (2002), §IV D; Skoric et al., arXiv:2209.08552; Tan et al., arXiv:2209.09219). Window
/// graphs are cut from the model's <see cref="RoundLayout"/> (a truncated copy of a long repeat
/// block, never the flattened experiment), compiled lazily once per distinct (first, end) truncated
/// round pair and shared by all streams: thread-safe.
/// </summary>
public sealed class SlidingWindowCompiledDecoder : IStreamingCompiledDecoder
{
    private readonly ConcurrentDictionary<WindowKey, CompiledWindow> _windows = new();
    private readonly DecoderOptions _options;

    private SlidingWindowCompiledDecoder(string name, RoundLayout layout, StreamingOptions streaming, DecoderOptions options)
    {
        Name = name;
        Layout = layout;
        Window = streaming.Window;
        Commit = streaming.Commit;
        _options = options;
        Threads = ParseThreads(options);
    }

    /// <summary>
    /// Compiles sliding-window streaming of <paramref name="decoder"/> ("mwpm" or "uf") for a model.
    /// Options: window, commit, detectors_per_round, distance (see <see cref="StreamingOptions"/>), and
    /// the decoder's own options.
    /// </summary>
    public static SlidingWindowCompiledDecoder Compile(string decoder, DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!Supports(decoder))
        {
            throw new ArgumentException($"decoder '{decoder}' has no sliding-window mode (mwpm and uf have)");
        }
        var streaming = ResolveOptions(model, options);
        // Parallel A windows span C + 2(W − C) rounds, longer than W.
        int longest = ParseThreads(options) > 1 ? Math.Max(streaming.Window, 2 * streaming.Window - streaming.Commit) : streaming.Window;
        var layout = RoundLayout.Analyse(model, streaming.DetectorsPerRound, LongestStretch(longest));
        if (layout.NumObservables > 62)
        {
            throw new ArgumentException($"streaming supports at most 62 observables; the model has {layout.NumObservables}");
        }
        var compiled = new SlidingWindowCompiledDecoder(decoder, layout, streaming, options);
        if (options.GetInt(PrecompileKey, 1) != 0)
        {
            compiled.PrecompileAll();
        }
        return compiled;
    }

    /// <summary>
    /// W, C and the round size for <paramref name="model"/>: from the options, with W and C defaulting from
    /// the <c>distance</c> option or, without it, from the distance estimated from a short layout's
    /// largest round (which flattens at most <see cref="RoundLayout.FlattenedDetectorsBound"/>(model, 1) detectors).
    /// </summary>
    public static StreamingOptions ResolveOptions(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        int estimate = 0;
        if (!options.Values.ContainsKey(StreamingOptions.WindowKey) || !options.Values.ContainsKey(StreamingOptions.CommitKey))
        {
            estimate = options.Values.ContainsKey(StreamingOptions.DistanceKey)
                ? 0
                : StreamingOptions.EstimateDistance(RoundLayout.Analyse(model, options.GetInt(StreamingOptions.DetectorsPerRoundKey, 0), 1).MaxRoundSize);
        }
        return StreamingOptions.From(options, estimate);
    }

    /// <summary>The longest stretch of rounds a window maps at once: W plus the cut round plus one of slack.</summary>
    public static int LongestStretch(int window) => window + 2;

    /// <summary>
    /// Option key: threads decoding parallel windows (the pushing thread and threads − 1 workers) (<see cref="ParallelWindowDecoder"/>); default <see cref="DefaultThreads"/>;
    /// 1 = the sequential sliding window (<see cref="SlidingWindowDecoder"/>).
    /// </summary>
    public const string ThreadsKey = "threads";

    /// <summary>
    /// Default of <see cref="ThreadsKey"/>: 1 (sequential) for now. The issue asks for all cores; on the 2-core VM the parallel
    /// path now decodes more rounds per second (d = 11, 17: 1.4–2× the sequential), but its latency after the last round is
    /// an order of magnitude above the sequential's (its last A and B windows wait for the last round; bench/RESULTS.md, "Parallel windows: the A
    /// windows' past cut"), so it stays an option for streams the sequential window cannot keep up with.
    /// </summary>
    public const int DefaultThreads = 1;

    /// <summary>Decoding threads per stream (1: sequential sliding window).</summary>
    public int Threads { get; }

    private static int ParseThreads(DecoderOptions options)
    {
        int threads = options.GetInt(ThreadsKey, DefaultThreads);
        if (threads < 1 || threads > 1024)
        {
            throw new ArgumentException($"streaming option {ThreadsKey}={threads}: must be between 1 and 1024");
        }
        return threads;
    }

    /// <summary>Option key: 1 (default) compiles the window graphs of the regular schedule up front, 0 compiles them on first use.</summary>
    public const string PrecompileKey = "precompile";

    /// <summary>
    /// Compiles the graphs of the regular schedule (windows starting at 0, C, 2C, …, the penultimate and the final one),
    /// plus every canonical bulk placement, so that pushes never pay for building a graph in the bulk of a
    /// long experiment. A carried defect near the head or the tail (or anywhere in a model short enough not to
    /// be truncated) can still start a window whose graph is built on first use (once per model).
    /// </summary>
    private void PrecompileAll()
    {
        int rounds = Layout.NumRounds, buffer = Window - Commit;
        var keys = new HashSet<WindowKey>();
        int s = 0;
        for (; s + Window < rounds; s += Commit)
        {
            keys.Add(TruncatedKey(s, s + Window, final: false));
        }
        keys.Add(TruncatedKey(s, rounds, final: true)); // no penultimate window (too few rounds left)
        // A carried defect starts a bulk window off the schedule; on a truncated layout every bulk start maps
        // to one of P canonical placements, so compiling all P leaves no graph to build mid-stream in the bulk.
        int mid = rounds / 2, p = Layout.RoundsPerIteration;
        for (int j = 0; j < p && mid + j + Window < rounds; j++)
        {
            keys.Add(TruncatedKey(mid + j, mid + j + Window, final: false));
        }
        if (rounds - 1 - s > buffer)
        {
            keys.Add(TruncatedKey(s, rounds - 1, final: false)); // the penultimate window
            keys.Add(TruncatedKey(rounds - 1 - buffer, rounds, final: true)); // and the last one after it
        }
        if (Threads > 1)
        {
            foreach (var (first, end, pastCut) in ParallelWindowDecoder.Schedule(rounds, Window, Commit))
            {
                keys.Add(MapWindow(first, end, end == rounds, pastCut, out _));
            }
        }
        foreach (var key in keys)
        {
            GetWindow(key);
        }
    }

    private WindowKey TruncatedKey(int s, int e, bool final) => MapWindow(s, e, final, pastCut: false, out _);

    /// <summary>
    /// The graph that full-model window [<paramref name="s"/>, <paramref name="e"/>) maps onto in the truncated layout
    /// (<paramref name="final"/>: it ends the experiment; <paramref name="pastCut"/>: its past is open, as for parallel A
    /// windows, so round s − 1 is mapped too), and the iterations <paramref name="shift"/> subtracted: full-model round
    /// r is truncated round r − shift · RoundsPerIteration. Throws when the mapping would change the graph's kind.
    /// </summary>
    internal WindowKey MapWindow(int s, int e, bool final, bool pastCut, out int shift)
    {
        pastCut &= s > 0;
        int p = Layout.RoundsPerIteration;
        shift = Layout.ChooseShift(pastCut ? s - 1 : s, final ? e - 1 : e);
        var key = new WindowKey(s - shift * p, e - shift * p, pastCut);
        if (final != (key.End == Layout.TruncatedRounds))
        {
            throw new InvalidOperationException($"window {s}..{e} mapped to truncated rounds {key.First}..{key.End} of {Layout.TruncatedRounds}");
        }
        return key;
    }

    /// <summary>Whether <paramref name="decoder"/> has a sliding-window mode.</summary>
    public static bool Supports(string decoder) => decoder is Mwpm.MwpmDecoderFactory.DecoderName or UnionFind.UnionFindDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public RoundLayout Layout { get; }

    /// <inheritdoc/>
    public int Window { get; }

    /// <inheritdoc/>
    public int Commit { get; }

    /// <inheritdoc/>
    public string? Note => null;

    /// <summary>Window graphs compiled so far (distinct truncated round ranges).</summary>
    public int CompiledWindows => _windows.Count;

    /// <inheritdoc/>
    IStreamingDecoder IStreamingCompiledDecoder.CreateStreamingDecoder() =>
        Threads > 1 ? CreateParallelDecoder(Threads) : CreateStreamingDecoder();

    /// <summary>A fresh per-stream sequential decoder (whatever <see cref="Threads"/> says).</summary>
    public SlidingWindowDecoder CreateStreamingDecoder() => new(this);

    /// <summary>
    /// A fresh per-stream parallel window decoder: <paramref name="threads"/> decoding threads, the pushing thread and
    /// threads − 1 workers (dispose it to stop them; idle workers also exit by themselves). Needs a decoder compiled with threads &gt; 1 (its layout then holds the longer A windows).
    /// </summary>
    public ParallelWindowDecoder CreateParallelDecoder(int threads)
    {
        if (Threads <= 1)
        {
            throw new InvalidOperationException($"parallel windows need the decoder compiled with {ThreadsKey} > 1");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return new ParallelWindowDecoder(this, threads);
    }

    /// <summary>The compiled window of <paramref name="key"/>.</summary>
    internal CompiledWindow GetWindow(WindowKey key) =>
        _windows.GetOrAdd(key, k => new CompiledWindow(WindowModel.Build(Layout, k.First, k.End, k.PastCut), Name, _options));
}

/// <summary>A window graph: truncated rounds [First, End), with its past cut (parallel A windows) or not.</summary>
internal readonly record struct WindowKey(int First, int End, bool PastCut);
