using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Server.Tests.Support;

/// <summary>
/// A decoder that compiles any model and then fails on every shot (a stand-in for a decoder bug),
/// to test that the server reports it as INTERNAL for that one stream and nothing else.
/// </summary>
public sealed class ThrowingDecoderFactory : IDecoderFactory
{
    /// <summary>Registry name.</summary>
    public const string DecoderName = "throws";

    public string Name => DecoderName;

    public string Description => "test decoder that fails on every shot";

    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        var flat = model.Flatten();
        return new Compiled(flat.NumDetectors, flat.NumObservables);
    }

    private sealed class Compiled(int detectors, int observables) : ICompiledDecoder
    {
        public string Name => DecoderName;

        public int NumDetectors => detectors;

        public int NumObservables => observables;

        public IDecoder CreateDecoder() => new Instance(detectors, observables);
    }

    private sealed class Instance(int detectors, int observables) : IDecoder
    {
        public int NumDetectors => detectors;

        public int NumObservables => observables;

        public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
            throw new InvalidOperationException("test decoder failure");

        public DecodeInfo DecodeDetailed(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips) =>
            throw new InvalidOperationException("test decoder failure");
    }
}
