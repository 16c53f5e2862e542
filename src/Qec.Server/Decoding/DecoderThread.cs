using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Qec.Core.Decoding;

namespace Qec.Server.Decoding;

/// <summary>
/// A thread of its own for one connection's or call's decoder (<c>--raw-decoder-thread</c>, <c>--grpc-decoder-thread</c>): the
/// connection's thread does the socket I/O and hands each shot over; this thread decodes it. Between
/// shots it spins on a sequence number with a load and a spin-wait hint per turn (no system call), so its core's caches
/// and branch predictors hold the decoder and nothing else (bench <c>decode-after</c>, quiet VM: a decode
/// on such a thread takes 1.06× the offline back-to-back time, one on the thread that also sends and
/// receives ~2×, one after a sleep ~4×). The price is a busy core while shots flow: after
/// <see cref="IdleSpin"/> without a shot the thread blocks on a semaphore and the next hand-off wakes it.
/// <para>
/// Protocol (one owner thread, one decoder thread): the owner copies the shot into the input buffer and
/// publishes sequence number k in <c>_posted</c>; the decoder thread decodes, writes the output buffer and
/// publishes k in <c>_done</c>. Sleeping is Dekker's pattern with full fences on both sides: the decoder
/// thread announces <c>_sleeping</c> and then re-reads <c>_posted</c>; the owner publishes <c>_posted</c>
/// and then reads <c>_sleeping</c>; one of them sees the other, so no post waits on a sleeper nobody wakes.
/// </para>
/// </summary>
internal sealed class DecoderThread : IDisposable
{
    /// <summary>How long the thread spins without a shot before it blocks.</summary>
    public static readonly TimeSpan IdleSpin = TimeSpan.FromMilliseconds(2);

    private const long Stop = -1;

    private readonly IDecoder _decoder;
    private readonly byte[] _input;
    private readonly byte[] _output;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private long _posted;
    private long _done;
    private int _sleeping;
    private long _decodeTicks;
    private Exception? _failure;

    /// <summary>
    /// Starts the thread, which from now on is the only one to call <paramref name="decoder"/>
    /// (<paramref name="detectorBytes"/> bytes in per shot, <paramref name="observableBytes"/> out).
    /// </summary>
    public DecoderThread(IDecoder decoder, int detectorBytes, int observableBytes, string name)
    {
        _decoder = decoder;
        _input = new byte[detectorBytes];
        _output = new byte[observableBytes];
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Decodes one shot on the decoder thread and returns the decode's own time in nanoseconds (the
    /// hand-off is not in it: it shows in the end-to-end latency). Rethrows what the decoder threw.
    /// Owner thread only.
    /// </summary>
    public long Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
    {
        detectionEvents.CopyTo(_input);
        long k = _posted + 1;
        Interlocked.Exchange(ref _posted, k); // full fence: the read of _sleeping cannot pass it
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Release();
        }
        while (Volatile.Read(ref _done) != k)
        {
            Thread.SpinWait(1); // a spin-wait hint (PAUSE / YIELD): the core knows this loop only waits
        }
        if (_failure is { } failure)
        {
            _failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }
        _output.CopyTo(observableFlips);
        return ShotDecoder.TicksToNs(_decodeTicks);
    }

    /// <summary>Stops the thread and waits for it.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _posted, Stop);
        _wake.Release();
        _thread.Join();
        _wake.Dispose();
    }

    private void Run()
    {
        long seen = 0;
        long idleTicks = (long)(IdleSpin.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long k = AwaitPost(seen, idleTicks);
            if (k == Stop)
            {
                return;
            }
            seen = k;
            long start = Stopwatch.GetTimestamp();
            try
            {
                _decoder.Decode(_input, _output);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            _decodeTicks = Stopwatch.GetTimestamp() - start;
            Volatile.Write(ref _done, k);
        }
    }

    // Spins until _posted moves past seen; blocks after idleTicks of spinning.
    private long AwaitPost(long seen, long idleTicks)
    {
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + idleTicks;
            for (int spins = 0; ; spins++)
            {
                long k = Volatile.Read(ref _posted);
                if (k != seen)
                {
                    return k;
                }
                Thread.SpinWait(1);
                if ((spins & 1023) == 1023 && Stopwatch.GetTimestamp() > deadline)
                {
                    break;
                }
            }
            Interlocked.Exchange(ref _sleeping, 1); // full fence: the re-read of _posted cannot pass it
            if (Volatile.Read(ref _posted) == seen)
            {
                _wake.Wait();
            }
            Volatile.Write(ref _sleeping, 0);
        }
    }
}
