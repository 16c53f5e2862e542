using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Qec.Core.Sampling;

/// <summary>
/// A seeded, resumable sequence of shots from a <see cref="DemSampler"/>. Each call to
/// <see cref="Next"/> returns the next shots of the sequence: concatenated, the calls give exactly
/// the bytes that one <see cref="DemSampler.Sample(int, ulong, Span{byte}, Span{byte})"/> call of
/// the total size would give. Not thread-safe: one stream per thread (use different seeds).
/// At most <see cref="MaxShots"/> shots per stream.
/// </summary>
public sealed class DemSampleStream
{
    /// <summary>Skips below this take the exact integer path; longer ones (p below ~10^-14) the double path.</summary>
    private const double FastSkipLimit = 1L << 50;

    /// <summary>The next-success shot of a group that will never fire again within <see cref="MaxShots"/>.</summary>
    private const long Never = long.MaxValue;

    /// <summary>Most shots one stream can give (positions stay far from overflow below this).</summary>
    public const long MaxShots = 1L << 61;

    /// <summary>Hits buffered before they are applied: 16 KB, small enough for L1 beside the block.</summary>
    private const int HitBufferLength = 2048;

    /// <summary>How many hits ahead the record of a hit is prefetched.</summary>
    private const int PrefetchDistance = 8;

    private readonly DemSampler _sampler;
    private readonly Xoshiro256StarStar[] _rng;
    // Position of the next success of each group's Bernoulli stream, as (shot, mechanism in group).
    private readonly long[] _nextShot;
    private readonly int[] _nextMechanism;
    // Successes found but not yet applied (reused for every block).
    private readonly Hit[] _hits = new Hit[HitBufferLength];

    internal DemSampleStream(DemSampler sampler, ulong seed)
    {
        _sampler = sampler;
        Seed = seed;
        var tables = sampler.Tables;
        int groups = tables.GroupSize.Length;
        _rng = new Xoshiro256StarStar[groups];
        _nextShot = new long[groups];
        _nextMechanism = new int[groups];
        ulong seeder = seed;
        for (int g = 0; g < groups; g++)
        {
            _rng[g] = new Xoshiro256StarStar(Xoshiro256StarStar.SplitMix64(ref seeder));
            // The first success is at stream position skip: as if a success had just been at (0, −1).
            int m = tables.GroupSize[g];
            long shot = 0;
            int mechanism = -1;
            Advance(ref shot, ref mechanism, NextSkip(ref _rng[g], tables.GroupSkipScale[g]), m, 1.0 / m);
            _nextShot[g] = shot;
            _nextMechanism[g] = mechanism;
        }
    }

    /// <summary>The sampler whose model this stream samples.</summary>
    public DemSampler Sampler => _sampler;

    /// <summary>The seed the stream was started with.</summary>
    public ulong Seed { get; }

    /// <summary>Number of shots produced so far.</summary>
    public long ShotsDone { get; private set; }

    /// <summary>
    /// Writes the next <paramref name="shots"/> shots (b8, shot-major) into the first
    /// shots·DetectorBytesPerShot bytes of <paramref name="detectionEvents"/> and the first
    /// shots·ObservableBytesPerShot bytes of <paramref name="observableFlips"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">shots is negative.</exception>
    /// <exception cref="ArgumentException">a span is too short (the message gives both sizes).</exception>
    public void Next(int shots, Span<byte> detectionEvents, Span<byte> observableFlips)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        int detBytes = _sampler.DetectorBytesPerShot, obsBytes = _sampler.ObservableBytesPerShot;
        RequireLength(detectionEvents.Length, (long)shots * detBytes, shots, nameof(detectionEvents));
        RequireLength(observableFlips.Length, (long)shots * obsBytes, shots, nameof(observableFlips));
        if (ShotsDone + shots > MaxShots)
        {
            throw new InvalidOperationException($"a stream gives at most {MaxShots} shots; start another with a new seed");
        }
        int block = _sampler.BlockShots;
        for (int done = 0; done < shots; done += block)
        {
            int n = Math.Min(block, shots - done);
            var dets = detectionEvents.Slice(done * detBytes, n * detBytes);
            var obs = observableFlips.Slice(done * obsBytes, n * obsBytes);
            dets.Clear();
            obs.Clear();
            FillBlock(ShotsDone + done, n, ref MemoryMarshal.GetReference(dets), ref MemoryMarshal.GetReference(obs));
        }
        ShotsDone += shots;
    }

    private static void RequireLength(int actual, long needed, int shots, string name)
    {
        if (actual < needed)
        {
            throw new ArgumentException($"{name} has {actual} bytes; {shots} shots need {needed}", name);
        }
    }

    /// <summary>
    /// Applies every success of every group that falls in shots [first, first + count) to a zeroed
    /// block whose shot 0 is <paramref name="first"/>. Two phases: the geometric skips of all groups
    /// fill a buffer of hits (shot, record), then the hits are applied. The second loop has no
    /// dependency from one hit to the next, so the processor overlaps the cache misses of many records;
    /// XOR commutes, so the order of application is irrelevant. Unchecked: records were range-checked
    /// when the tables were built and the block spans were sized by <see cref="Next"/>.
    /// </summary>
    private void FillBlock(long first, int count, ref byte dets, ref byte obs)
    {
        var tables = _sampler.Tables;
        long end = first + count;
        int hits = 0;
        for (int g = 0; g < _nextShot.Length; g++)
        {
            long shot = _nextShot[g];
            if (shot >= end)
            {
                continue;
            }
            int mechanism = _nextMechanism[g];
            int m = tables.GroupSize[g];
            int recordStart = tables.GroupRecordStart[g], stride = tables.GroupStride[g];
            double skipScale = tables.GroupSkipScale[g];
            double inverseM = 1.0 / m;
            ref var rng = ref _rng[g];
            do
            {
                if (hits == _hits.Length)
                {
                    ApplyHits(hits, ref dets, ref obs);
                    hits = 0;
                }
                _hits[hits++] = new Hit((int)(shot - first), recordStart + mechanism * stride);
                Advance(ref shot, ref mechanism, NextSkip(ref rng, skipScale), m, inverseM);
            }
            while (shot < end);
            _nextShot[g] = shot;
            _nextMechanism[g] = mechanism;
        }
        ApplyHits(hits, ref dets, ref obs);
    }

    /// <summary>XORs the targets of the first <paramref name="count"/> buffered hits into the block.</summary>
    private void ApplyHits(int count, ref byte dets, ref byte obs)
    {
        var tables = _sampler.Tables;
        int detBytes = _sampler.DetectorBytesPerShot, obsBytes = _sampler.ObservableBytesPerShot;
        ref int records = ref MemoryMarshal.GetArrayDataReference(tables.Records);
        ref Hit hit = ref MemoryMarshal.GetArrayDataReference(_hits);
        for (int h = 0; h < count; h++, hit = ref Unsafe.Add(ref hit, 1))
        {
            if (Sse.IsSupported && h + PrefetchDistance < count)
            {
                unsafe
                {
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref records, Unsafe.Add(ref hit, PrefetchDistance).Record)));
                }
            }
            ref int record = ref Unsafe.Add(ref records, hit.Record);
            int targets = record;
            if (targets < 0)
            {
                record = ref tables.Overflow[~targets];
                targets = record;
            }
            ref byte shotDets = ref Unsafe.Add(ref dets, hit.Shot * detBytes);
            for (int t = 1; t <= targets; t++)
            {
                int target = Unsafe.Add(ref record, t);
                if (target >= 0)
                {
                    Unsafe.Add(ref shotDets, target >> 3) ^= (byte)(1 << (target & 7));
                }
                else
                {
                    target = ~target;
                    Unsafe.Add(ref obs, hit.Shot * obsBytes + (target >> 3)) ^= (byte)(1 << (target & 7));
                }
            }
        }
    }

    /// <summary>
    /// The number of failures before the next success of Bernoulli(p) trials, as a real number to be
    /// rounded down: ⌊E / (−ln(1−p))⌋ with E ~ Exponential(1) is Geometric(p) on {0, 1, …}, since
    /// P(skip ≥ k) = P(E ≥ −k·ln(1−p)) = (1−p)^k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NextSkip(ref Xoshiro256StarStar rng, double skipScale) =>
        ExponentialZiggurat.Next(ref rng) * skipScale;

    /// <summary>
    /// Moves (shot, mechanism) past the current success and ⌊skip⌋ failures, in a stream of m trials
    /// per shot. Below <see cref="FastSkipLimit"/> the position stays under 2^51, so the quotient from
    /// a double multiply (relative error ≤ 2^−52, absolute &lt; 1/2) is off by at most one and is
    /// corrected: a 64-bit hardware divide would cost tens of cycles per success.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Advance(ref long shot, ref int mechanism, double skip, int m, double inverseM)
    {
        if (!(skip < FastSkipLimit))
        {
            AdvanceFar(ref shot, ref mechanism, skip, m);
            return;
        }
        long position = mechanism + 1 + (long)skip;
        if (position >= m)
        {
            long quotient = (long)(position * inverseM);
            position -= quotient * m;
            if (position < 0)
            {
                quotient--;
                position += m;
            }
            else if (position >= m)
            {
                quotient++;
                position -= m;
            }
            shot += quotient;
        }
        mechanism = (int)position;
    }

    /// <summary>A skip of 2^50 trials or more: in doubles (exact enough: E itself has 53 bits), or never.</summary>
    private static void AdvanceFar(ref long shot, ref int mechanism, double skip, int m)
    {
        double position = mechanism + 1 + Math.Floor(skip);
        double shots = Math.Floor(position / m);
        if (shot + shots >= MaxShots)
        {
            shot = Never;
            return;
        }
        shot += (long)shots;
        mechanism = (int)Math.Clamp(position - shots * m, 0, m - 1);
    }

    /// <summary>A fired mechanism: shot index within the block and the offset of its record.</summary>
    private readonly record struct Hit(int Shot, int Record);
}
