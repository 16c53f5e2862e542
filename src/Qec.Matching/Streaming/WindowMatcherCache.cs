namespace Qec.Matching.Streaming;

/// <summary>
/// One decoding thread's matchers, one per window graph of the truncated layout (first round, end round), each
/// built on first use and reused for the decoder's life: after warm-up, getting a matcher allocates nothing.
/// </summary>
internal sealed class WindowMatcherCache(SlidingWindowCompiledDecoder compiled)
{
    private readonly Dictionary<long, (IWindowMatcher Matcher, CompiledWindow Window)> _matchers = new();

    /// <summary>The matcher and graph of truncated rounds [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public IWindowMatcher Get(int first, int end, out CompiledWindow window)
    {
        long key = ((long)first << 32) | (uint)end;
        if (_matchers.TryGetValue(key, out var entry))
        {
            window = entry.Window;
            return entry.Matcher;
        }
        window = compiled.GetWindow(first, end);
        var matcher = window.CreateMatcher();
        _matchers.Add(key, (matcher, window));
        return matcher;
    }
}
