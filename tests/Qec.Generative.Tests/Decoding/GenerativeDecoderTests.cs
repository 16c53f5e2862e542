using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Generative.Decoding;
using Qec.Generative.Serialization;

namespace Qec.Generative.Tests.Decoding;

public sealed class GenerativeDecoderTests
{
    /// <summary>
    /// After brief training (80k shots, fixed seeds) on d = 3 code-capacity depolarizing noise at p = 0.1, the decoder's
    /// class equals the exact maximum-likelihood class on syndromes holding ≥ 97% of the probability, and its logical
    /// error rate (computed exactly over all 256 syndromes) is within 5% of the optimum. An untrained network fails both.
    /// </summary>
    [Fact]
    public void TrainedDecoderAgreesWithMaximumLikelihood()
    {
        var dem = TinyGen.CodeCapacity();
        var exact = new ExactClasses(dem);
        var (agree, genError, mlError) = Score(exact, TinyGen.Compile(dem, $"model={TinyGen.Trained}").CreateDecoder());
        Assert.True(agree >= 0.97, $"agreement mass {agree:0.0000} gen {genError:0.00000} ml {mlError:0.00000}");
        Assert.True(genError <= 1.05 * mlError, $"gen {genError:0.00000} against ML {mlError:0.00000}");
        var (untrainedAgree, untrainedError, _) = Score(exact, TinyGen.Compile(dem, $"model={TinyGen.Untrained(dem, "random.st")}").CreateDecoder());
        Assert.False(untrainedAgree >= 0.97 && untrainedError <= 1.05 * mlError, $"an untrained network passed: {untrainedAgree}, {untrainedError}");
    }

    private static (double Agree, double GenError, double MlError) Score(ExactClasses exact, IDecoder decoder)
    {
        double agree = 0, genError = 0, mlError = 0;
        var flips = new byte[1];
        for (int s = 0; s < exact.Syndromes; s++)
        {
            double total = exact.SyndromeProbability(s);
            if (total == 0) continue;
            decoder.Decode(exact.Pack(s), flips);
            int ml = exact.MaximumLikelihood(s), gen = flips[0] & 1;
            agree += gen == ml ? total : 0;
            genError += total - exact.Probability(s, gen);
            mlError += total - exact.Probability(s, ml);
        }
        return (agree, genError, mlError);
    }

    /// <summary>Exact search: the class is the argmax of log q over the four classes and the soft output is ln(q(ĉ) / (1 − q(ĉ))), positive exactly when q(ĉ) > ½.</summary>
    [Fact]
    public void ExactSearchIsArgmaxAndSoftOutputIsLogOdds()
    {
        var dem = TinyGen.TwoPatches();
        string path = TinyGen.Untrained(dem, "two.st", seed: 9, width: 24);
        var network = (Qec.Generative.Models.MadeNetwork<float>)ModelFile.Load<float>(path);
        var ws = network.CreateWorkspace();
        var decoder = TinyGen.Compile(dem, $"model={path}").CreateDecoder();
        var (dets, _) = new DemSampler(dem).Sample(200, 4);
        var condition = new byte[16];
        var flips = new byte[1];
        var logq = new double[4];
        for (int s = 0; s < 200; s++)
        {
            var shot = dets.AsSpan(s * 2, 2);
            for (int d = 0; d < 16; d++) condition[d] = (byte)((shot[d >> 3] >> (d & 7)) & 1);
            for (int c = 0; c < 4; c++) logq[c] = network.LogProbability([(byte)(c & 1), (byte)(c >> 1)], condition, ws);
            int best = Array.IndexOf(logq, logq.Max());
            var info = decoder.DecodeDetailed(shot, flips);
            Assert.Equal(best, flips[0]);
            double q = Math.Exp(logq[best]);
            Assert.Equal(Math.Log(q / (1 - q)), info.SoftOutput, 3);
            Assert.Equal(q > 0.5, info.SoftOutput > 0);
        }
    }

    /// <summary>Greedy search picks bit by bit: the same string as the network's Greedy, soft output the log-odds of its probability; for k = 1 it equals exact search.</summary>
    [Fact]
    public void GreedySearchFollowsTheNetwork()
    {
        var dem = TinyGen.TwoPatches();
        string path = TinyGen.Untrained(dem, "two-greedy.st", seed: 2, width: 24);
        var network = ModelFile.Load<float>(path);
        var ws = network.CreateWorkspace();
        var decoder = TinyGen.Compile(dem, $"model={path}", "search=greedy").CreateDecoder();
        var (dets, _) = new DemSampler(dem).Sample(100, 6);
        var condition = new byte[16];
        var bits = new byte[2];
        var flips = new byte[1];
        for (int s = 0; s < 100; s++)
        {
            var shot = dets.AsSpan(s * 2, 2);
            for (int d = 0; d < 16; d++) condition[d] = (byte)((shot[d >> 3] >> (d & 7)) & 1);
            double logq = network.Greedy(bits, condition, ws);
            var info = decoder.DecodeDetailed(shot, flips);
            Assert.Equal(bits[0] | (bits[1] << 1), flips[0]);
            Assert.Equal(logq - Math.Log(-double.ExpM1(logq)), info.SoftOutput, 6);
        }
        var one = TinyGen.CodeCapacity();
        string single = TinyGen.Trained;
        var greedy = TinyGen.Compile(one, $"model={single}", "search=greedy").CreateDecoder();
        var exact = TinyGen.Compile(one, $"model={single}", "search=exact").CreateDecoder();
        var (few, _) = new DemSampler(one).Sample(300, 8);
        var a = new byte[1];
        var b = new byte[1];
        for (int s = 0; s < 300; s++)
        {
            var ia = greedy.DecodeDetailed(few.AsSpan(s, 1), a);
            var ib = exact.DecodeDetailed(few.AsSpan(s, 1), b);
            Assert.Equal(a[0], b[0]);
            Assert.Equal(ia.SoftOutput, ib.SoftOutput, 9);
        }
    }

    /// <summary>With a base decoder the network predicts the residual: the output is mwpm's prediction XOR the network's bit.</summary>
    [Fact]
    public void BaseDecoderResidualIsXoredIntoMwpmsAnswer()
    {
        var dem = TinyGen.CodeCapacity();
        string path = TinyGen.Untrained(dem, "based.st", "mwpm", seed: 7);
        var network = ModelFile.Load<float>(path);
        var ws = network.CreateWorkspace();
        var gen = TinyGen.Compile(dem, $"model={path}").CreateDecoder();
        var mwpm = TinyGen.Registry().Get("mwpm").Compile(dem, DecoderOptions.Empty).CreateDecoder();
        var (dets, _) = new DemSampler(dem).Sample(200, 9);
        var condition = new byte[9];
        var bit = new byte[1];
        var flips = new byte[1];
        var baseFlips = new byte[1];
        int flipped = 0;
        for (int s = 0; s < 200; s++)
        {
            var shot = dets.AsSpan(s, 1);
            mwpm.Decode(shot, baseFlips);
            for (int d = 0; d < 8; d++) condition[d] = (byte)((shot[0] >> d) & 1);
            condition[8] = (byte)(baseFlips[0] & 1);
            network.Greedy(bit, condition, ws);
            gen.Decode(shot, flips);
            Assert.Equal(baseFlips[0] ^ bit[0], flips[0]);
            flipped += bit[0];
        }
        Assert.InRange(flipped, 1, 199);  // both branches were exercised
    }

    /// <summary>No allocation per shot on inference (exact search over 4 classes, greedy, and with a base decoder).</summary>
    [Theory]
    [InlineData("exact", false)]
    [InlineData("greedy", false)]
    [InlineData("exact", true)]
    public void DecodingAllocatesNothingPerShot(string search, bool withBase)
    {
        var dem = withBase ? TinyGen.CodeCapacity() : TinyGen.TwoPatches();
        string path = TinyGen.Untrained(dem, "alloc.st", withBase ? "mwpm" : GenerativeModelFile.NoBase);
        var decoder = TinyGen.Compile(dem, $"model={path}", $"search={search}").CreateDecoder();
        int bytes = (int)(dem.NumDetectors + 7) / 8;
        var (dets, _) = new DemSampler(dem).Sample(300, 1);
        var flips = new byte[1];
        for (int s = 0; s < 20; s++) decoder.DecodeDetailed(dets.AsSpan(s * bytes, bytes), flips);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 300; s++) decoder.DecodeDetailed(dets.AsSpan(s * bytes, bytes), flips);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
