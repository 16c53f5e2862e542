using System.Diagnostics;
using System.Net.Sockets;

namespace Qec.Server.Raw;

/// <summary>Busy-polling before a blocking receive (the low-latency option of both raw ends).</summary>
public static class SocketPolling
{
    /// <summary>
    /// Polls until <paramref name="socket"/> has bytes to read or <paramref name="ticks"/> Stopwatch
    /// ticks passed (one FIONREAD per iteration). A receive right after finds the bytes without
    /// sleeping, which saves the scheduler's wake-up (several µs on a VM) at the price of a busy core.
    /// Between polls the thread yields: when the peer it waits for shares its core (both ends
    /// polling on a small machine), the peer runs at once instead of after a whole spin.
    /// </summary>
    public static void SpinUntilReadable(Socket socket, long ticks)
    {
        long deadline = Stopwatch.GetTimestamp() + ticks;
        while (socket.Available == 0 && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Yield();
        }
    }
}
