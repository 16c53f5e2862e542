using System.Collections.Concurrent;
using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Server.Tests.Support;

/// <summary>
/// A stand-in for a GPU decoder: the <c>parity</c> decoder's answers, but its instances
/// <see cref="IDecoder.PrefersBatches"/>, and the factory records every <see cref="IDecoder.DecodeBatch"/>
/// call (its size) and every single-shot decode, so a test sees which path the server took without
/// timing anything. Option <c>fail=1</c>: every decode throws (a decoder bug). One factory per test server.
/// </summary>
public sealed class BatchCountingDecoderFactory : IDecoderFactory
{
    /// <summary>Registry name.</summary>
    public const string DecoderName = "batching";

    private readonly ParityDecoderFactory _parity = new();
    private readonly ConcurrentQueue<int> _batches = new();
    private long _singleShots;

    public string Name => DecoderName;

    public string Description => "test decoder: parity answers through a batch path that counts its calls";

    /// <summary>Shots of each DecodeBatch call, in call order.</summary>
    public int[] BatchSizes => [.. _batches];

    /// <summary>Shots decoded one at a time (Decode or DecodeDetailed).</summary>
    public long SingleShots => Interlocked.Read(ref _singleShots);

    /// <summary>A registry with the test server's decoders and this one.</summary>
    public DecoderRegistry Registry()
    {
        var registry = TestServer.Decoders();
        registry.Add(this);
        return registry;
    }

    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options) =>
        new Compiled(this, _parity.Compile(model, DecoderOptions.Empty), options.GetInt("fail", 0) != 0);

    private sealed class Compiled(BatchCountingDecoderFactory factory, ICompiledDecoder parity, bool fail) : ICompiledDecoder
    {
        public string Name => DecoderName;

        public int NumDetectors => parity.NumDetectors;

        public int NumObservables => parity.NumObservables;

        public IDecoder CreateDecoder() => new Instance(factory, parity.CreateDecoder(), fail);
    }

    private sealed class Instance(BatchCountingDecoderFactory factory, IDecoder parity, bool fail) : IDecoder
    {
        public int NumDetectors => parity.NumDetectors;

        public int NumObservables => parity.NumObservables;

        public bool PrefersBatches => true;

        public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
        {
            Interlocked.Increment(ref factory._singleShots);
            Fail();
            parity.Decode(detectionEvents, observableFlips);
        }

        public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips)
        {
            Interlocked.Increment(ref factory._singleShots);
            Fail();
            return parity.DecodeDetailed(detectionEvents, observableFlips);
        }

        public void DecodeBatch(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots)
        {
            factory._batches.Enqueue(shots);
            Fail();
            parity.DecodeBatch(detectionEvents, observableFlips, shots);
        }

        private void Fail()
        {
            if (fail)
            {
                throw new InvalidOperationException("test decoder failure");
            }
        }
    }
}
