using System.Buffers.Binary;
using System.Numerics;
using Qec.Circuits.Model;
using Qec.Core.Sampling;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Samples detection events and observable flips of a Stim circuit, as <c>stim detect</c> does: a
/// bit-packed Pauli-frame simulation (<see cref="FrameSimulator"/>) of 64·<see cref="WordsPerBatch"/>
/// shots at a time, repeat blocks executed in place. Output is the b8 layout of
/// <see cref="DemSampler"/>, shot-major: shot s occupies <see cref="DetectorBytesPerShot"/> bytes at
/// byte s·DetectorBytesPerShot, detector k in byte k/8, bit k%8; the same for observables; padding bits
/// are zero.
/// <para>
/// Randomness: one <see cref="Xoshiro256StarStar"/> stream seeded with the caller's seed drives the
/// batches in order (it seeds each batch's <see cref="VectorXoshiro"/>), so the bytes depend on the circuit, the seed and <see cref="WordsPerBatch"/> only
/// (not on how the caller splits its requests): same circuit, same seed ⇒ same bytes. They are not
/// Stim's bytes (a different generator); the distribution is the circuit's.
/// </para>
/// An instance is immutable and thread-safe: every call owns its simulator state.
/// </summary>
public sealed class CircuitSampler
{
    /// <summary>Bytes of frame and record state per batch that still leave it in L2 cache (d = 17: 16 words per row measured 10% faster than 8 or 32).</summary>
    private const long StateBytes = 512 * 1024;

    private readonly Circuit _circuit;
    private readonly CircuitShape _shape;

    /// <summary>Prepares sampling of <paramref name="circuit"/>; <paramref name="wordsPerBatch"/> (a power of two ≥ 4) = 0 picks a size that fits the cache.</summary>
    /// <exception cref="ArgumentException">the circuit has more detectors than one array can hold, or wordsPerBatch is not a power of two ≥ 4.</exception>
    public CircuitSampler(Circuit circuit, int wordsPerBatch = 0)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentOutOfRangeException.ThrowIfNegative(wordsPerBatch);
        _circuit = circuit;
        _shape = CircuitShape.Of(circuit);
        // Rows every gate and measurement touch (frame and record ring); detector rows are written once
        // and read once by the transpose, so they stream and are not counted against the cache.
        long rows = 2L * circuit.NumQubits + _shape.RecordSlots;
        if (wordsPerBatch > 0)
        {
            FrameSimulator.CheckWordsPerBatch(wordsPerBatch);
        }
        // A power of two, so a noise channel's trial index splits into (target, shot) by shift and mask.
        WordsPerBatch = wordsPerBatch > 0 ? wordsPerBatch : 1 << BitOperations.Log2((uint)Math.Clamp(StateBytes / (8 * rows), 4, 64));
        DetectorBytesPerShot = (NumDetectors + 7) >> 3;
        ObservableBytesPerShot = (NumObservables + 7) >> 3;
    }

    /// <summary>Number of detectors (bits of detection events per shot).</summary>
    public int NumDetectors => _shape.NumDetectors;

    /// <summary>Number of logical observables (1 + the largest OBSERVABLE_INCLUDE index).</summary>
    public int NumObservables => _shape.NumObservables;

    /// <summary>ceil(NumDetectors / 8).</summary>
    public int DetectorBytesPerShot { get; }

    /// <summary>ceil(NumObservables / 8).</summary>
    public int ObservableBytesPerShot { get; }

    /// <summary>Words of 64 shots simulated together.</summary>
    public int WordsPerBatch { get; }

    /// <summary>Shots per batch handed to <see cref="SampleBatches"/>' handler (the last may be shorter).</summary>
    public int BatchShots => 64 * WordsPerBatch;

    /// <summary>Samples into new arrays (b8, shot-major): convenient for tests and small runs (<paramref name="threads"/> as in <see cref="SampleBatches"/>).</summary>
    public (byte[] DetectionEvents, byte[] ObservableFlips) Sample(int shots, ulong seed, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        var dets = new byte[checked(shots * DetectorBytesPerShot)];
        var obs = new byte[checked(shots * ObservableBytesPerShot)];
        int done = 0;
        SampleBatches(shots, seed, (d, o, n) =>
        {
            d.CopyTo(dets.AsSpan(done * DetectorBytesPerShot));
            o.CopyTo(obs.AsSpan(done * ObservableBytesPerShot));
            done += n;
        }, threads);
        return (dets, obs);
    }

    /// <summary>
    /// Samples <paramref name="shots"/> shots in batches of <see cref="BatchShots"/>, handing each to
    /// <paramref name="onBatch"/> in order, on the calling thread (spans reused between calls: copy what you
    /// keep). <paramref name="threads"/> &gt; 1 simulates that many batches at once; the bytes are the same for
    /// every thread count, because batch i's random words are seeded from the i-th slice of the one stream
    /// whichever thread runs it.
    /// </summary>
    public void SampleBatches(long shots, ulong seed, DemSampleBatchHandler onBatch, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        ArgumentNullException.ThrowIfNull(onBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var rng = new Xoshiro256StarStar(seed);
        if (threads == 1 || shots <= BatchShots)
        {
            var batch = new Batch(this);
            for (long done = 0; done < shots;)
            {
                int n = (int)Math.Min(BatchShots, shots - done);
                batch.Run(ref rng, n);
                onBatch(batch.DetectionEvents(n), batch.ObservableFlips(n), n);
                done += n;
            }
            return;
        }
        SampleInParallel(shots, ref rng, onBatch, threads);
    }

    /// <summary>Batches per thread per round of <see cref="SampleInParallel"/>: fewer hand-offs per batch.</summary>
    private const int BatchesPerThread = 4;

    /// <summary>Above this much state and output per batch, one batch per thread per round (huge circuits).</summary>
    private const long LargeBatchBytes = 4 << 20;

    // Rounds of threads × BatchesPerThread batches: seeds drawn in batch order on this thread, a round's
    // batches simulated in parallel (one simulator per batch slot) while this thread hands the previous
    // round's batches over in order. Two sets of slots alternate: a set is refilled only after its round
    // was handed over.
    private void SampleInParallel(long shots, ref Xoshiro256StarStar rng, DemSampleBatchHandler onBatch, int threads)
    {
        long rowBytes = 8L * WordsPerBatch * (2L * _circuit.NumQubits + _shape.RecordSlots + NumDetectors + NumObservables);
        long batchBytes = rowBytes + (long)BatchShots * (DetectorBytesPerShot + ObservableBytesPerShot);
        int slots = threads * (batchBytes > LargeBatchBytes ? 1 : BatchesPerThread);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Round[] rounds = [new Round(this, slots), new Round(this, slots)];
        var skip = new VectorXoshiro();
        Round? previous = null;
        Task? running = null;
        long done = 0;
        for (int r = 0; done < shots || running is not null; r++)
        {
            Round? next = null;
            Task? started = null;
            if (done < shots)
            {
                next = rounds[r & 1];
                next.Count = 0;
                for (; next.Count < slots && done < shots; next.Count++)
                {
                    next.Prepare(next.Count); // on this thread, so a constructor's error is thrown here as is
                    next.Seeds[next.Count] = rng;
                    skip.Seed(ref rng); // advances the stream exactly as the batch's own seeding will
                    next.Sizes[next.Count] = (int)Math.Min(BatchShots, shots - done);
                    done += next.Sizes[next.Count];
                }
                var round = next;
                started = Task.Run(() => Parallel.For(0, round.Count, options, round.RunSlot));
            }
            if (running is not null)
            {
                running.GetAwaiter().GetResult();
                previous!.HandOver(onBatch);
            }
            (previous, running) = (next, started);
        }
    }

    /// <summary>One round's batch slots: simulators and buffers, the seeds and sizes of the batches in them.</summary>
    private sealed class Round
    {
        private readonly CircuitSampler _owner;
        private readonly Batch?[] _batches;

        public Round(CircuitSampler owner, int slots)
        {
            _owner = owner;
            _batches = new Batch?[slots];
            Seeds = new Xoshiro256StarStar[slots];
            Sizes = new int[slots];
            RunSlot = j => _batches[j]!.Run(ref Seeds[j], Sizes[j]);
        }

        public Xoshiro256StarStar[] Seeds { get; }

        public int[] Sizes { get; }

        /// <summary>Batches in this round (the first Count slots).</summary>
        public int Count { get; set; }

        /// <summary>Simulates slot j.</summary>
        public Action<int> RunSlot { get; }

        /// <summary>Makes slot j's simulator and buffers if it has none yet.</summary>
        public void Prepare(int j) => _batches[j] ??= new Batch(_owner);

        /// <summary>Hands the round's batches to the handler, in order.</summary>
        public void HandOver(DemSampleBatchHandler onBatch)
        {
            for (int j = 0; j < Count; j++)
            {
                var batch = _batches[j]!;
                onBatch(batch.DetectionEvents(Sizes[j]), batch.ObservableFlips(Sizes[j]), Sizes[j]);
            }
        }
    }

    /// <summary>One batch's simulator and its b8 output buffers.</summary>
    private sealed class Batch(CircuitSampler owner)
    {
        private readonly FrameSimulator _sim = new(owner._circuit, owner._shape, owner.WordsPerBatch);
        private readonly byte[] _dets = new byte[owner.BatchShots * owner.DetectorBytesPerShot];
        private readonly byte[] _obs = new byte[owner.BatchShots * owner.ObservableBytesPerShot];
        private readonly ulong[] _block = new ulong[64];

        /// <summary>Simulates the batch (seeded from <paramref name="rng"/>) and writes its first <paramref name="shots"/> shots as b8.</summary>
        public void Run(ref Xoshiro256StarStar rng, int shots)
        {
            _sim.Run(ref rng);
            owner.ToShotMajor(_sim.Detectors, owner.NumDetectors, shots, _dets, owner.DetectorBytesPerShot, _block);
            owner.ToShotMajor(_sim.Observables, owner.NumObservables, shots, _obs, owner.ObservableBytesPerShot, _block);
        }

        public ReadOnlySpan<byte> DetectionEvents(int shots) => _dets.AsSpan(0, shots * owner.DetectorBytesPerShot);

        public ReadOnlySpan<byte> ObservableFlips(int shots) => _obs.AsSpan(0, shots * owner.ObservableBytesPerShot);
    }

    /// <summary>
    /// Turns bit rows (row k = bit k of every shot, <see cref="WordsPerBatch"/> words) into b8 shots:
    /// 64 rows × 64 shots at a time through <see cref="BitTranspose.Transpose64"/>; after the transpose,
    /// word i of the block is shot i's bytes for those 64 rows (little-endian: row k0 + 8b + j is bit j
    /// of byte b).
    /// <para>
    /// Every word is stored whole, 8 bytes, even where a shot has fewer bytes left (the last block of
    /// rows, or fewer than 64 rows in all): the surplus lands on the next shot's first bytes, which
    /// are written after it because shots go in ascending order and blocks of rows in descending
    /// order. Only a store that would run past <paramref name="output"/> is done byte by byte.
    /// Padding bits are zero because the rows past <paramref name="numRows"/> enter the block as zeros.
    /// </para>
    /// </summary>
    private void ToShotMajor(ReadOnlySpan<ulong> rows, int numRows, int shots, Span<byte> output, int bytesPerShot, ulong[] block)
    {
        int words = WordsPerBatch;
        if (numRows == 0)
        {
            return; // no bytes per shot (a circuit without observables)
        }
        if (numRows <= 8)
        {
            // One byte per shot (observables, mostly one row): gather its bits directly, no 64 × 64 transpose.
            for (int s = 0; s < shots; s++)
            {
                int bits = 0;
                for (int k = 0; k < numRows; k++)
                {
                    bits |= (int)((rows[k * words + (s >> 6)] >> s) & 1) << k;
                }
                output[s] = (byte)bits;
            }
            return;
        }
        for (int w = 0; w * 64 < shots; w++)
        {
            int shotsHere = Math.Min(64, shots - w * 64);
            for (int k0 = (numRows - 1) & ~63; k0 >= 0; k0 -= 64)
            {
                int rowsHere = Math.Min(64, numRows - k0);
                var column = rows[(k0 * words + w)..];
                for (int j = 0; j < rowsHere; j++)
                {
                    block[j] = column[j * words];
                }
                Array.Clear(block, rowsHere, 64 - rowsHere);
                BitTranspose.Transpose64(block);
                int start = w * 64 * bytesPerShot + (k0 >> 3);
                for (int i = 0; i < shotsHere; i++)
                {
                    int at = start + i * bytesPerShot;
                    if (at + 8 <= output.Length)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(output[at..], block[i]);
                    }
                    else
                    {
                        ulong bits = block[i];
                        for (int b = at; b < output.Length; b++, bits >>= 8)
                        {
                            output[b] = (byte)bits;
                        }
                    }
                }
            }
        }
    }
}
