using Qec.Matching.Mwpm.Interop;
using Qec.Matching.Streaming;

namespace Qec.Matching.Correlated;

/// <summary>
/// Correlated matching on a sliding window (<c>mwpm</c> with <c>correlations=true</c>): the window's
/// decomposed errors define the correlations; pass two's final matches are the commit groups, exactly
/// as <see cref="MwpmWindowMatcher"/> forms them from plain matching's.
/// </summary>
internal sealed class CorrelatedWindowMatcher(CorrelatedMwpmDecoder decoder, int cutObservable) : IWindowMatcher
{
    private readonly ScratchList<MwpmMatch> _matches = new();
    private readonly ulong[] _mask = new ulong[1];

    public void Decode(ReadOnlySpan<int> events, WindowGroups groups)
    {
        decoder.DecodeEventsWithMatches(events, _mask, _matches);
        groups.Clear();
        ulong cutBit = cutObservable >= 0 ? 1UL << cutObservable : 0;
        foreach (var m in _matches.AsSpan())
        {
            groups.Begin(m.Observables, m.B < 0 && (m.Observables & cutBit) != 0);
            groups.AddNode(m.A);
            if (m.B >= 0)
            {
                groups.AddNode(m.B);
            }
        }
    }
}
