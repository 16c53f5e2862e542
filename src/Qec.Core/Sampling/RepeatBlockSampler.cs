using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Core.Sampling;

/// <summary>
/// Samples whole shots of a model with <c>repeat</c> blocks without flattening it (a 10^6-round
/// experiment has 24,000,000 detectors but a DEM of a few kilobytes): walks the instruction tree with
/// <c>shift_detectors</c> applied, fires each error with its probability and flips its detectors (all
/// components: the symptom of a decomposed error is the XOR of its parts) and observables. Memory is
/// one bit per detector; work is one random draw per error mechanism per shot (≈ 10^8 draws for the
/// d = 5 circuit-level model at 10^6 rounds, about a second). For long streaming experiments; for
/// many short shots <see cref="DemSampler"/> is orders of magnitude faster. Not thread-safe.
/// Same model, same seed ⇒ same shots.
/// </summary>
public sealed class RepeatBlockSampler
{
    private readonly ImmutableArray<DemInstruction> _instructions;
    private Xoshiro256StarStar _rng;
    private byte[] _dets = [];
    private ulong _obs;

    /// <summary>A sampler of <paramref name="model"/> (at most 64 observables) seeded with <paramref name="seed"/>.</summary>
    public RepeatBlockSampler(DetectorErrorModel model, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var counts = model.Counts;
        if (counts.NumObservables > 64)
        {
            throw new ArgumentException($"the model has {counts.NumObservables} observables; this sampler returns them in one 64-bit word");
        }
        if (counts.NumDetectors > (ulong)Array.MaxLength * 8)
        {
            throw new ArgumentException($"the model has {counts.NumDetectors} detectors: one shot does not fit in one array");
        }
        NumDetectors = (long)counts.NumDetectors;
        _instructions = model.Instructions;
        _rng = new Xoshiro256StarStar(seed);
    }

    /// <summary>Detectors per shot.</summary>
    public long NumDetectors { get; }

    /// <summary>Bytes of one b8 shot.</summary>
    public int DetectorBytes => (int)((NumDetectors + 7) >> 3);

    /// <summary>
    /// Samples the next shot into <paramref name="detectionEvents"/> (b8, at least
    /// <see cref="DetectorBytes"/> bytes, cleared first) and returns its observable flips (bit k = observable k).
    /// </summary>
    public ulong Sample(byte[] detectionEvents)
    {
        ArgumentNullException.ThrowIfNull(detectionEvents);
        if (detectionEvents.Length < DetectorBytes)
        {
            throw new ArgumentException($"a shot needs {DetectorBytes} bytes, the buffer has {detectionEvents.Length}");
        }
        Array.Clear(detectionEvents);
        _dets = detectionEvents;
        _obs = 0;
        long offset = 0;
        Walk(_instructions, ref offset);
        return _obs;
    }

    private void Walk(ImmutableArray<DemInstruction> block, ref long offset)
    {
        foreach (var instruction in block)
        {
            switch (instruction)
            {
                case DemError e:
                    if (_rng.NextDouble() < e.Probability)
                    {
                        Fire(e, offset);
                    }
                    break;
                case DemShiftDetectors s:
                    offset += (long)s.DetectorShift;
                    break;
                case DemRepeat r:
                    for (ulong i = 0; i < r.Count; i++)
                    {
                        Walk(r.Body, ref offset);
                    }
                    break;
            }
        }
    }

    private void Fire(DemError error, long offset)
    {
        foreach (var t in error.Targets)
        {
            if (t.Kind == DemTargetKind.Detector)
            {
                long d = (long)t.Index + offset;
                _dets[d >> 3] ^= (byte)(1 << (int)(d & 7));
            }
            else if (t.Kind == DemTargetKind.Observable)
            {
                _obs ^= 1UL << (int)t.Index;
            }
        }
    }
}
