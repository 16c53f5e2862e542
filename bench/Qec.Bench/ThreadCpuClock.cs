using System.Runtime.InteropServices;

namespace Qec.Bench;

/// <summary>
/// The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): it leaves out time the thread sat descheduled, so
/// single-thread figures hold up on a shared machine better than wall time.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Nanoseconds of CPU time this thread has used.</summary>
    public static long Nanoseconds()
    {
        if (ClockGetTime(ClockThreadCpuTime, out var t) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        }
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
