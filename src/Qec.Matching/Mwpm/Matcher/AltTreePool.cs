using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.Matcher;

/// <summary>Arena of <see cref="AltTreeNode"/>s with a LIFO free list; no allocation after warm-up.</summary>
internal sealed class AltTreePool
{
    private AltTreeNode[] _all = new AltTreeNode[16];
    private AltTreeNode[] _free = new AltTreeNode[16];
    private int _created;
    private int _freeCount;
    private readonly ArrayClassPool<AltTreeEdge> _childArrays = new();

    /// <summary>Nodes currently in some tree; non-zero after a shot means no perfect matching exists.</summary>
    public int Live => _created - _freeCount;

    /// <summary>A node to initialise with InitRoot or InitPair.</summary>
    public AltTreeNode Alloc()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }
        if (_created == _all.Length)
        {
            Array.Resize(ref _all, _created * 2);
            Array.Resize(ref _free, _created * 2);
        }
        var node = new AltTreeNode(_childArrays);
        _all[_created++] = node;
        return node;
    }

    /// <summary>Returns a node to the free list (dropping its references).</summary>
    public void Free(AltTreeNode node)
    {
        node.Release();
        _free[_freeCount++] = node;
    }

    /// <summary>Reclaims every node (after an aborted shot).</summary>
    public void FreeAll()
    {
        _freeCount = 0;
        for (int i = 0; i < _created; i++)
        {
            Free(_all[i]);
        }
    }
}
