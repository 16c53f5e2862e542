using Qec.Matching.Mwpm.Interop;

namespace Qec.Matching.Mwpm.Flooder;

/// <summary>
/// Arena of <see cref="GraphFillRegion"/>s with a LIFO free list (PyMatching's <c>Arena</c>): after
/// warm-up no region is ever allocated. Ids are stable indices into <see cref="ById"/>.
/// </summary>
internal sealed class RegionPool
{
    private GraphFillRegion[] _all = new GraphFillRegion[16];
    private GraphFillRegion[] _free = new GraphFillRegion[16];
    private int _created;
    private int _freeCount;

    /// <summary>Larger shell arrays, shared by all regions of this pool.</summary>
    public ArrayClassPool<int> ShellArrays { get; } = new();

    /// <summary>Larger blossom-cycle arrays, shared by all regions of this pool.</summary>
    public ArrayClassPool<RegionEdge> ChildArrays { get; } = new();

    /// <summary>
    /// Radius of every region (its <see cref="Interop.Varying"/> data) by slot = id + 1, kept here in one
    /// dense array so the collision scan reads radii without touching region objects. Slot 0 stands
    /// for "no region" and always holds 0 (frozen at radius 0), which makes empty nodes branch-free.
    /// </summary>
    public long[] Radii { get; private set; } = new long[17];

    /// <summary>Regions currently handed out.</summary>
    public int Live => _created - _freeCount;

    /// <summary>The region with a given id.</summary>
    public GraphFillRegion ById(int id) => _all[id];

    /// <summary>The region in a slot (id + 1; slot 0 is no region and must not be asked for).</summary>
    public GraphFillRegion BySlot(int slot) => _all[slot - 1];

    /// <summary>A fresh region (reset to a trivial growing region).</summary>
    public GraphFillRegion Alloc()
    {
        if (_freeCount > 0)
        {
            var r = _free[--_freeCount];
            r.Reset();
            return r;
        }
        if (_created == _all.Length)
        {
            Array.Resize(ref _all, _created * 2);
            Array.Resize(ref _free, _created * 2);
        }
        if (_created + 1 >= Radii.Length)
        {
            var radii = Radii;
            Array.Resize(ref radii, Radii.Length * 2);
            Radii = radii;
        }
        var region = new GraphFillRegion(_created, this);
        _all[_created++] = region;
        return region;
    }

    /// <summary>Returns a region to the free list.</summary>
    public void Free(GraphFillRegion region)
    {
        region.ReleaseArrays();
        _free[_freeCount++] = region;
    }

    /// <summary>Reclaims every region (after an aborted shot).</summary>
    public void FreeAll()
    {
        for (int i = 0; i < _created; i++)
        {
            _all[i].ReleaseArrays();
            _all[i].Reset();
            _free[i] = _all[i];
        }
        _freeCount = _created;
    }
}
