namespace Qec.Tests.Shared;

/// <summary>
/// Measures what a warmed-up pass allocates on the test thread. A hot-path allocation shows in every pass; the
/// runtime's one-off work on that thread (tiered re-JIT, on-stack replacement, a lazily built type handle) shows in
/// at most one. So the pass runs once to warm up, then up to <c>measuredPasses</c> times under
/// GC.GetAllocatedBytesForCurrentThread, and the least count is returned (0 as soon as one pass allocates nothing).
/// </summary>
public static class SteadyState
{
    public static long AllocatedBytes(Action pass, int measuredPasses = 3)
    {
        pass();
        long least = long.MaxValue;
        for (int i = 0; i < measuredPasses && least > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
