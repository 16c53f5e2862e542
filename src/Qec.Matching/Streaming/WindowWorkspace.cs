using Qec.Core.Decoding.Streaming;

namespace Qec.Matching.Streaming;

/// <summary>
/// One decoding thread's scratch for parallel windows: a matcher per window graph, the decoded groups and the
/// event lists. Owned by exactly one thread at a time; grows during warm-up, then reused without allocation.
/// </summary>
internal sealed class WindowWorkspace(SlidingWindowCompiledDecoder compiled)
{
    private readonly WindowMatcherCache _matchers = new(compiled);

    /// <summary>The groups of the last decoded window.</summary>
    public WindowGroups Groups { get; } = new();

    /// <summary>Window node of each collected event.</summary>
    public int[] Events = new int[64];

    /// <summary>Event-ring slot of each window node that holds a collected event.</summary>
    public int[] NodeToSlot = new int[64];

    /// <summary>
    /// The window graph and matcher of full-model rounds [s, e) (cut at e unless <paramref name="final"/>), mapped onto
    /// the truncated layout as the sequential decoder maps it; <paramref name="baseDetector"/> is the full-model
    /// detector of window node 0.
    /// </summary>
    public IWindowMatcher Matcher(int s, int e, bool final, out CompiledWindow window, out long baseDetector)
    {
        var layout = compiled.Layout;
        int p = layout.RoundsPerIteration;
        int k = layout.ChooseShift(s, final ? e - 1 : e);
        int ts = s - k * p, te = e - k * p;
        if (final != (te == layout.TruncatedRounds))
        {
            throw new InvalidOperationException($"window {s}..{e} mapped to truncated rounds {ts}..{te} of {layout.TruncatedRounds}");
        }
        baseDetector = layout.TruncatedRoundStart(ts) + (long)k * layout.DetectorsPerIteration;
        var matcher = _matchers.Get(ts, te, out window);
        if (NodeToSlot.Length < window.TotalNodes)
        {
            Array.Resize(ref NodeToSlot, window.TotalNodes);
        }
        return matcher;
    }

    /// <summary>Earliest round (relative to the window start) of group <paramref name="g"/>.</summary>
    public int EarliestRound(CompiledWindow window, int g)
    {
        int r = int.MaxValue;
        foreach (int node in Groups.Nodes(g))
        {
            r = Math.Min(r, window.NodeRounds[node]);
        }
        return r;
    }
}
