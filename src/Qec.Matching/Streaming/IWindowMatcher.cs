namespace Qec.Matching.Streaming;

/// <summary>Decodes one window's detection events into commit groups (one instance per window graph and stream).</summary>
internal interface IWindowMatcher
{
    /// <summary>Decodes <paramref name="events"/> (window node indices) and fills <paramref name="groups"/>.</summary>
    void Decode(ReadOnlySpan<int> events, WindowGroups groups);
}
