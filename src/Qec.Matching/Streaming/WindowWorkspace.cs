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
    /// The window graph and matcher of full-model rounds [s, e) (cut at e unless <paramref name="final"/>, and at s when
    /// <paramref name="pastCut"/>), mapped onto the truncated layout as the sequential decoder maps it;
    /// <paramref name="baseDetector"/> is the full-model detector of window node 0.
    /// </summary>
    public IWindowMatcher Matcher(int s, int e, bool final, bool pastCut, out CompiledWindow window, out long baseDetector)
    {
        var layout = compiled.Layout;
        var key = compiled.MapWindow(s, e, final, pastCut, out int shift);
        baseDetector = layout.TruncatedRoundStart(key.First) + (long)shift * layout.DetectorsPerIteration;
        var matcher = _matchers.Get(key, out window);
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
