using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Graphs;
using Qec.Matching.Mwpm;
using Qec.Matching.UnionFind;

namespace Qec.Matching.Streaming;

/// <summary>One window graph, compiled once and shared by every stream (immutable).</summary>
internal sealed class CompiledWindow
{
    private readonly MwpmCompiledDecoder? _mwpm;
    private readonly UnionFindGraph? _uf;

    public CompiledWindow(WindowModel window, string decoder, DecoderOptions options)
    {
        // Keep only what streams need: the window's DEM text is large and is dropped after compiling.
        NumWindowNodes = window.NumWindowNodes;
        CutObservable = window.CutObservable;
        NodeRounds = new int[window.NumWindowNodes];
        for (int i = 0; i < NodeRounds.Length; i++)
        {
            NodeRounds[i] = window.NodeRound(i);
        }
        var flat = window.Model.Flatten();
        TotalNodes = flat.NumDetectors;
        if (decoder == MwpmDecoderFactory.DecoderName)
        {
            _mwpm = MwpmCompiledDecoder.FromDem(flat);
        }
        else
        {
            int resolution = options.GetInt(UnionFindDecoderFactory.ResolutionOption, EdgeLengths.DefaultResolution);
            _uf = new UnionFindGraph(MatchingGraph.From(flat), resolution);
        }
    }

    /// <summary>Window detectors (cut layer excluded).</summary>
    public int NumWindowNodes { get; }

    /// <summary>Window and cut-layer detectors.</summary>
    public int TotalNodes { get; }

    /// <summary>Index of the cut observable, −1 for a final window.</summary>
    public int CutObservable { get; }

    /// <summary>Round of each window node relative to the window's first round.</summary>
    public int[] NodeRounds { get; }

    /// <summary>A matcher with its own scratch, for one stream.</summary>
    public IWindowMatcher CreateMatcher() => _mwpm is not null
        ? new MwpmWindowMatcher(_mwpm.CreateDecoder(), CutObservable)
        : new UnionFindWindowMatcher(_uf!, CutObservable);
}
