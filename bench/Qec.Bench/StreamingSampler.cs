using Qec.Core.Dem;
using Qec.Core.Sampling;

namespace Qec.Bench;

/// <summary>
/// Samples one shot of a model with repeat blocks without flattening it: walks the instruction tree
/// (shifts applied), firing each error with its probability and flipping its detectors (all
/// components: the symptom of a decomposed error is the XOR of its parts) and observables. Slow
/// (one random draw per error) but memory is one bit per detector. For benchmarks only.
/// </summary>
internal sealed class StreamingSampler(DetectorErrorModel model, ulong seed)
{
    private Xoshiro256StarStar _rng = new(seed);
    private byte[] _dets = [];
    private ulong _obs;

    /// <summary>Samples a shot into <paramref name="dets"/> (b8, cleared first); returns the observable flips.</summary>
    public ulong Sample(byte[] dets)
    {
        Array.Clear(dets);
        _dets = dets;
        _obs = 0;
        long offset = 0;
        Walk(model.Instructions, ref offset);
        return _obs;
    }

    private void Walk(System.Collections.Immutable.ImmutableArray<DemInstruction> block, ref long offset)
    {
        foreach (var ins in block)
        {
            switch (ins)
            {
                case DemError e:
                    if (_rng.NextDouble() < e.Probability)
                    {
                        foreach (var t in e.Targets)
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
}
