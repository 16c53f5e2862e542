using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.UnionFind;

namespace Qec.Matching.Tests;

/// <summary>The factory's contract and the precise errors on bad options and bad shots.</summary>
public sealed class UnionFindFactoryTests
{
    private static readonly DetectorErrorModel Line = UnionFindTestGraphs.Chain(10, 0.01, true, true);

    [Fact]
    public void FactoryIsRegisteredAsUf()
    {
        var factory = new UnionFindDecoderFactory();
        var registry = new DecoderRegistry(factory);
        Assert.Same(factory, registry.Get("uf"));
        Assert.DoesNotContain('\n', factory.Description);
        var compiled = factory.Compile(Line, DecoderOptions.Empty);
        Assert.Equal("uf", compiled.Name);
        Assert.Equal(10, compiled.NumDetectors);
        Assert.Equal(1, compiled.NumObservables);
        var decoder = compiled.CreateDecoder();
        Assert.Equal(2, decoder.DetectorBytes);
        Assert.NotSame(decoder, compiled.CreateDecoder());
    }

    [Theory]
    [InlineData("resolution=0")]
    [InlineData("resolution=-3")]
    [InlineData("resolution=2000000")]
    [InlineData("resolution=fine")]
    public void BadResolutionIsRejectedByName(string option)
    {
        var ex = Assert.Throws<ArgumentException>(() => new UnionFindDecoderFactory().Compile(Line, DecoderOptions.Parse([option])));
        Assert.Contains("resolution", ex.Message);
    }

    [Fact]
    public void HyperedgesAreRejected()
    {
        var model = DetectorErrorModel.Parse("error(0.1) D0 D1 D2\n");
        Assert.Throws<ArgumentException>(() => new UnionFindDecoderFactory().Compile(model, DecoderOptions.Empty));
    }

    [Fact]
    public void ShortShotIsRejected()
    {
        var decoder = UnionFindTestGraphs.DecoderFor(Line);
        var ex = Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[1], new byte[1]));
        Assert.Contains("10 detectors need 2", ex.Message);
    }

    [Fact]
    public void PaddingBitBeyondTheLastDetectorIsRejected()
    {
        var decoder = UnionFindTestGraphs.DecoderFor(Line);
        var ex = Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[] { 0, 0b0000_0100 }, new byte[1]));
        Assert.Contains("detector 10", ex.Message);
        Assert.Contains("byte 1", ex.Message);
    }

    [Theory]
    [InlineData(60)] // 8 bytes: the padded byte is the last of a whole 64-bit word
    [InlineData(64)]
    [InlineData(125)]
    public void EveryDetectorBitIsReadAndPaddingIsChecked(int detectors)
    {
        var text = new System.Text.StringBuilder();
        for (int n = 0; n < detectors; n++)
        {
            text.Append($"error(0.01) D{n} L0\n");
        }
        var decoder = UnionFindTestGraphs.DecoderFor(DetectorErrorModel.Parse(text.ToString()));
        var dets = new byte[(detectors + 7) / 8];
        var prediction = new byte[1];
        for (int n = 0; n < detectors; n++)
        {
            // A single event leaves through its boundary edge, which flips L0.
            Array.Clear(dets);
            dets[n >> 3] = (byte)(1 << (n & 7));
            decoder.Decode(dets, prediction);
            Assert.Equal(1, prediction[0]);
            Assert.Equal(n, Assert.Single(((UnionFindDecoder)decoder).LastCorrection.ToArray()));
        }
        if (detectors % 8 != 0)
        {
            Array.Clear(dets);
            dets[^1] = 0x80;
            var ex = Assert.Throws<ArgumentException>(() => decoder.Decode(dets, prediction));
            Assert.Contains($"byte {dets.Length - 1}", ex.Message);
        }
    }

    [Fact]
    public void ShortObservableBufferIsRejected()
    {
        var decoder = UnionFindTestGraphs.DecoderFor(Line);
        Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[2], Span<byte>.Empty));
    }

    [Fact]
    public void OddParityWithoutBoundaryIsReportedAndTheDecoderStaysUsable()
    {
        // Two components without boundary: {D0, D1, D2} and {D3, D4}; one event in the second is unexplainable.
        var model = DetectorErrorModel.Parse("error(0.1) D0 D1\nerror(0.1) D1 D2\nerror(0.1) D3 D4 L0\n");
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        var ex = Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[] { 0b0_1001 }, new byte[1]));
        Assert.Contains("no boundary", ex.Message);
        var prediction = new byte[1];
        decoder.Decode(new byte[] { 0b1_1000 }, prediction);
        Assert.Equal(1, prediction[0]);
    }

    [Fact]
    public void ModelWithoutDetectorsPredictsNoFlip()
    {
        var decoder = UnionFindTestGraphs.DecoderFor(DetectorErrorModel.Parse("error(0.1) L0\nlogical_observable L1\n"));
        Assert.Equal(0, decoder.DetectorBytes);
        var prediction = new byte[] { 0xFF };
        var info = decoder.DecodeDetailed(ReadOnlySpan<byte>.Empty, prediction);
        Assert.Equal(0, prediction[0]);
        Assert.Equal(0, info.Weight);
    }

    [Fact]
    public void IsolatedDetectorWithAnEventIsReported()
    {
        var model = DetectorErrorModel.Parse("error(0.1) D0 D1\ndetector D2\n");
        var decoder = UnionFindTestGraphs.DecoderFor(model);
        Assert.Throws<ArgumentException>(() => decoder.Decode(new byte[] { 0b100 }, new byte[1]));
    }
}
