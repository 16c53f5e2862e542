using System.Numerics;
using Qec.Core.Decoding;

namespace Qec.Core.Tests.Decoding;

/// <summary>
/// <see cref="BatchDecoding.DecodeAll"/> hands a decoder that prefers batches the whole batch in one
/// call on one instance, whatever the thread count, and still splits other decoders over threads (one block, one batch call per thread); the
/// predictions are the same either way (the test decoder predicts L0 = parity of all detection events).
/// </summary>
public sealed class BatchDecodingTests
{
    private const int Detectors = 13; // 2 bytes per shot, 3 padding bits

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ADecoderThatPrefersBatchesGetsTheWholeBatchInOneCall(int threads)
    {
        var compiled = new CountingCompiledDecoder(prefersBatches: true);
        var (dets, expected) = Shots(1000);
        var flips = new byte[1000];
        BatchDecoding.DecodeAll(compiled, dets, flips, 1000, threads);
        Assert.Equal(expected, flips);
        Assert.Equal((1, 1, 1000, 0), (compiled.Instances, compiled.BatchCalls, compiled.BatchShots, compiled.SingleCalls));
    }

    [Fact]
    public void OtherDecodersAreSplitOverThreadsOneBlockEach()
    {
        var compiled = new CountingCompiledDecoder(prefersBatches: false);
        var (dets, expected) = Shots(1000);
        var flips = new byte[1000];
        BatchDecoding.DecodeAll(compiled, dets, flips, 1000, 3);
        Assert.Equal(expected, flips);
        Assert.Equal((3, 3, 1000, 0), (compiled.Instances, compiled.BatchCalls, compiled.BatchShots, compiled.SingleCalls));
    }

    private static (byte[] Dets, byte[] Expected) Shots(int count)
    {
        var rng = new Random(7);
        var dets = new byte[count * 2];
        var expected = new byte[count];
        for (int s = 0; s < count; s++)
        {
            int bits = rng.Next(1 << Detectors);
            dets[2 * s] = (byte)bits;
            dets[(2 * s) + 1] = (byte)(bits >> 8);
            expected[s] = (byte)(BitOperations.PopCount((uint)bits) & 1);
        }
        return (dets, expected);
    }

    /// <summary>Predicts L0 = parity of the shot's detection events; counts instances and calls (thread-safe).</summary>
    private sealed class CountingCompiledDecoder(bool prefersBatches) : ICompiledDecoder
    {
        private int _instances, _batchCalls, _batchShots, _singleCalls;

        public string Name => "counting";

        public int NumDetectors => Detectors;

        public int NumObservables => 1;

        public int Instances => _instances;

        public int BatchCalls => _batchCalls;

        public int BatchShots => _batchShots;

        public int SingleCalls => _singleCalls;

        public bool PrefersBatches => prefersBatches;

        public IDecoder CreateDecoder()
        {
            Interlocked.Increment(ref _instances);
            return new Instance(this);
        }

        private static byte Parity(ReadOnlySpan<byte> shot) => (byte)(BitOperations.PopCount((uint)(shot[0] | (shot[1] << 8))) & 1);

        private sealed class Instance(CountingCompiledDecoder c) : IDecoder
        {
            public int NumDetectors => Detectors;

            public int NumObservables => 1;

            public bool PrefersBatches => c.PrefersBatches;

            public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
            {
                Interlocked.Increment(ref c._singleCalls);
                observableFlips[0] = Parity(detectionEvents);
            }

            public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
            {
                Interlocked.Increment(ref c._batchCalls);
                Interlocked.Add(ref c._batchShots, shots);
                for (int s = 0; s < shots; s++)
                {
                    observableFlips[s] = Parity(detectionEvents.Slice(2 * s, 2));
                }
            }
        }
    }
}
