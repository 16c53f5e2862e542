using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Mwpm;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>The decoder contract: registry, factory, DecodeDetailed weight units, batch decoding over threads.</summary>
public sealed class DecoderContractTests
{
    private static ReferenceCase Small() =>
        ReferenceCase.Load(TestPaths.Data("matching"), "sc_rmz_d03_r03_p0.003", flatLayout: true);

    [Fact]
    public void RegistryKnowsMwpmAndUnionFind()
    {
        var registry = MatchingDecoders.Register(new DecoderRegistry());
        Assert.Equal(["mwpm", "uf"], registry.Names);
        var compiled = registry.Get("mwpm").Compile(Small().Dem, DecoderOptions.Empty);
        Assert.Equal("mwpm", compiled.Name);
        Assert.Equal(24, compiled.NumDetectors);
        Assert.Equal(1, compiled.NumObservables);
    }

    [Fact]
    public void DetailedWeightIsIntegerWeightOverNormalisingConstant()
    {
        var c = Small();
        var decoder = (MwpmDecoder)new MwpmDecoderFactory().Compile(c.Dem, DecoderOptions.Empty).CreateDecoder();
        var obs = new byte[1];
        for (int s = 0; s < 50; s++)
        {
            var shot = c.Dets.AsSpan(s * 3, 3);
            var info = decoder.DecodeDetailed(shot, obs);
            Assert.Equal(c.PmWeightInt[s] / decoder.NormalisingConstant, info.Weight, 12);
            Assert.True(double.IsNaN(info.SoftOutput));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BatchDecodingAgreesWithShotByShotForAnyThreadCount(int threads)
    {
        var c = Small();
        var compiled = MwpmCompiledDecoder.FromDem(c.Dem);
        var batch = new byte[c.Shots];
        BatchDecoding.DecodeAll(compiled, c.Dets, batch, c.Shots, threads);
        for (int s = 0; s < c.Shots; s++)
        {
            Assert.Equal(c.PmPrediction[s], batch[s]);
        }
    }

    [Fact]
    public void BatchDecodingRejectsShortBuffers()
    {
        var compiled = MwpmCompiledDecoder.FromDem(Small().Dem);
        var ex = Assert.Throws<ArgumentException>(() => BatchDecoding.DecodeAll(compiled, new byte[5], new byte[2], 2));
        Assert.Contains("6 detection-event bytes", ex.Message);
    }

    [Fact]
    public void HyperedgesAreRejectedClearly()
    {
        var dem = DetectorErrorModel.Parse("error(0.1) D0 D1 D2\n");
        var ex = Assert.Throws<ArgumentException>(() => MwpmCompiledDecoder.FromDem(dem));
        Assert.Contains("decompose", ex.Message);
    }

    [Fact]
    public void NegativeWeightEdgeIsFlippedAsPyMatchingDoes()
    {
        // p = 0.9 on D0-D1: w = ln(1/9) < 0. With no events the best edge set is {D0-D1, D1-B}? No:
        // weights D0-D1 = −2.197, D0-B = D1-B = +2.197. Subsets with no odd node: {} (0) and
        // {D0-D1, D0-B, D1-B} (2.197). So the answer is 0 with no flips.
        var dem = DetectorErrorModel.Parse("error(0.9) D0 D1 L0\nerror(0.1) D0\nerror(0.1) D1\n");
        var decoder = MwpmCompiledDecoder.FromDem(dem).CreateDecoder();
        var obs = new byte[1];
        Assert.Equal(0, decoder.DecodeToIntegerWeight([0], obs));
        Assert.Equal(0, obs[0]);
        // Events on D0 and D1: the negative edge alone explains them, flipping L0, weight −2C·2.197.
        long w = decoder.DecodeToIntegerWeight([0b11], obs);
        Assert.Equal(1, obs[0]);
        Assert.Equal(-2 * (long)Math.Round(Math.Log(9) * (decoder.NormalisingConstant / 2), MidpointRounding.AwayFromZero), w);
    }

    [Fact]
    public void FromMatchingGraphDecodesTheSameWeightsAsFromDemOnTheSmallCase()
    {
        // The Core graph merges parallel edges as ln of the merged p; PyMatching merges in weight space.
        // The two agree to the discretization on this model (checked shot by shot).
        var c = Small();
        var viaGraph = MwpmCompiledDecoder.FromMatchingGraph(Qec.Core.Graphs.MatchingGraph.From(c.Dem)).CreateDecoder();
        var obs = new byte[1];
        int differ = 0;
        for (int s = 0; s < c.Shots; s++)
        {
            if (viaGraph.DecodeToIntegerWeight(c.Dets.AsSpan(s * 3, 3), obs) != c.PmWeightInt[s])
            {
                differ++;
            }
        }
        Assert.Equal(0, differ);
    }
}
