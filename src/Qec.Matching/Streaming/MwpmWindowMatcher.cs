using Qec.Matching.Mwpm;
using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Streaming;

/// <summary>
/// Exact MWPM on a window: each final match (sparse blossom's compressed edge: two events, or one
/// event and the boundary, with the observables of the path) is one group. A boundary match whose
/// mask holds the cut observable ended on the cut layer's boundary, i.e. in the future.
/// </summary>
internal sealed class MwpmWindowMatcher(MwpmDecoder decoder, int cutObservable) : IWindowMatcher
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
