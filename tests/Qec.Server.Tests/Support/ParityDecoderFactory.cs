using System.Numerics;
using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Server.Tests.Support;

/// <summary>
/// A deterministic stand-in decoder for server tests: observable j is predicted flipped when an
/// odd number of the detectors that share an error with L_j fired. Not a good decoder, but a pure
/// function of the shot, so "the server's answer equals decoding the shot offline" is an exact
/// check. Options: <c>delay_us=N</c> spins N µs per shot (to hold shots in flight). Soft output:
/// weight = number of detection events, soft output = 1.
/// </summary>
public sealed class ParityDecoderFactory : IDecoderFactory
{
    /// <summary>Registry name.</summary>
    public const string DecoderName = "parity";

    public string Name => DecoderName;

    public string Description => "test decoder: parity of the detectors touching each observable";

    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        var flat = model.Flatten();
        var masks = new byte[flat.NumObservables][];
        for (int j = 0; j < masks.Length; j++)
        {
            masks[j] = new byte[(flat.NumDetectors + 7) >> 3];
        }
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var targets = flat.Targets(e);
            foreach (var o in targets)
            {
                if (o.Kind != DemTargetKind.Observable)
                {
                    continue;
                }
                foreach (var d in targets)
                {
                    if (d.Kind == DemTargetKind.Detector)
                    {
                        masks[(int)o.Index][(int)d.Index >> 3] |= (byte)(1 << ((int)d.Index & 7));
                    }
                }
            }
        }
        return new Compiled(flat.NumDetectors, flat.NumObservables, masks, options.GetInt("delay_us", 0));
    }

    private sealed class Compiled(int detectors, int observables, byte[][] masks, int delayUs) : ICompiledDecoder
    {
        public string Name => DecoderName;

        public int NumDetectors => detectors;

        public int NumObservables => observables;

        public byte[][] Masks { get; } = masks;

        public int DelayUs { get; } = delayUs;

        public IDecoder CreateDecoder() => new Instance(this);

        private sealed class Instance(Compiled c) : IDecoder
        {
            public int NumDetectors => c.NumDetectors;

            public int NumObservables => c.NumObservables;

            public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
            {
                if (c.DelayUs > 0)
                {
                    var until = System.Diagnostics.Stopwatch.GetTimestamp() + (c.DelayUs * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
                    while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(10);
                    }
                }
                observableFlips.Clear();
                for (int j = 0; j < c.Masks.Length; j++)
                {
                    int parity = 0;
                    var mask = c.Masks[j];
                    for (int i = 0; i < mask.Length; i++)
                    {
                        parity ^= BitOperations.PopCount((uint)(mask[i] & detectionEvents[i])) & 1;
                    }
                    observableFlips[j >> 3] |= (byte)(parity << (j & 7));
                }
            }

            public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
            {
                Decode(detectionEvents, observableFlips);
                int weight = 0;
                foreach (byte b in detectionEvents)
                {
                    weight += BitOperations.PopCount(b);
                }
                return new DecodeInfo(weight, 1.0);
            }
        }
    }
}

/// <summary>A decoder that refuses every model (to test how compile errors reach the client).</summary>
public sealed class RefusingDecoderFactory : IDecoderFactory
{
    public string Name => "refuses";

    public string Description => "test decoder that cannot decode anything";

    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options) =>
        throw new ArgumentException("this test decoder takes no model");
}
