namespace Qec.Matching.Streaming;

/// <summary>
/// One decoding thread's matchers, one per window graph of the truncated layout (first round, end round, past cut), each
/// built on first use and reused for the decoder's life: after warm-up, getting a matcher allocates nothing.
/// </summary>
internal sealed class WindowMatcherCache(SlidingWindowCompiledDecoder compiled)
{
    private readonly Dictionary<WindowKey, (IWindowMatcher Matcher, CompiledWindow Window)> _matchers = new();

    /// <summary>The matcher and graph of <paramref name="key"/>.</summary>
    public IWindowMatcher Get(WindowKey key, out CompiledWindow window)
    {
        if (_matchers.TryGetValue(key, out var entry))
        {
            window = entry.Window;
            return entry.Matcher;
        }
        window = compiled.GetWindow(key);
        var matcher = window.CreateMatcher();
        _matchers.Add(key, (matcher, window));
        return matcher;
    }
}
