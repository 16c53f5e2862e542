using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>q is a normalized distribution and output i never reads s_≥i, for every network (ModelCases).</summary>
public class AutoregressiveExactnessTests
{
    [Theory]
    [MemberData(nameof(ModelCases.Enumerable), MemberType = typeof(ModelCases))]
    public void ProbabilitiesSumToOneOverAllStrings(string network)
    {
        var model = ModelCases.Build<double>(network, seed: 11);
        GradientCheck.Randomize(model.Parameters, 12, a: 1.0);
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(13);
        var bits = new byte[model.Variables];
        for (int trial = 0; trial < 2; trial++)
        {
            var condition = GradientCheck.RandomBits(model.ConditionSize, ref rng);
            double total = 0;
            for (int s = 0; s < 1 << model.Variables; s++)
            {
                for (int i = 0; i < bits.Length; i++) bits[i] = (byte)((s >> i) & 1);
                total += Math.Exp(model.LogProbability(bits, condition, ws));
            }
            Assert.Equal(1.0, total, 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(ModelCases.Float32), MemberType = typeof(ModelCases))]
    public void Float32ProbabilitiesSumToOneAndAgreeWithFloat64(string network)
    {
        var single = ModelCases.Build<float>(network, seed: 21);
        var dbl = ModelCases.Build<double>(network, seed: 21);
        var ws32 = single.CreateWorkspace();
        var ws64 = dbl.CreateWorkspace();
        var rng = new Xoshiro256StarStar(22);
        var condition = GradientCheck.RandomBits(dbl.ConditionSize, ref rng);
        int n = dbl.Variables;
        var bits = new byte[n];
        double total = 0;
        for (int s = 0; s < 1 << n; s++)
        {
            for (int i = 0; i < n; i++) bits[i] = (byte)((s >> i) & 1);
            float l32 = single.LogProbability(bits, condition, ws32);
            double l64 = dbl.LogProbability(bits, condition, ws64);
            Assert.Equal(l64, l32, 1e-5);
            total += Math.Exp(l32);
        }
        Assert.Equal(1.0, total, 1e-5);
    }

    [Theory]
    [MemberData(nameof(ModelCases.Enumerable), MemberType = typeof(ModelCases))]
    public void OutputNeverDependsOnLaterInputs(string network)
    {
        var model = ModelCases.Build<double>(network, seed: 31);
        GradientCheck.Randomize(model.Parameters, 32, a: 1.0);
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(33);
        int n = model.Variables;
        var p0 = new double[n];
        var p1 = new double[n];
        var junk = new double[n];
        for (int trial = 0; trial < 4; trial++)
        {
            var bits = GradientCheck.RandomBits(n, ref rng);
            var condition = GradientCheck.RandomBits(model.ConditionSize, ref rng);
            // Before every evaluation the workspace is dirtied by another random string, so a pass that read a
            // not-yet-computed unit (stale activations) would differ too, not only one that read a later bit.
            model.Conditionals(GradientCheck.RandomBits(n, ref rng), condition, junk, ws);
            model.Conditionals(bits, condition, p0, ws);
            bool anyDependence = false;
            for (int j = 0; j < n; j++)
            {
                var flipped = (byte[])bits.Clone();
                flipped[j] ^= 1;
                model.Conditionals(GradientCheck.RandomBits(n, ref rng), condition, junk, ws);
                model.Conditionals(flipped, condition, p1, ws);
                // Every output i ≤ j must be bit-for-bit unchanged: its computation never reads s_j.
                for (int i = 0; i <= j; i++) Assert.Equal(p0[i], p1[i]);
                for (int i = j + 1; i < n; i++) anyDependence |= p0[i] != p1[i];
            }
            Assert.True(anyDependence, "no output depends on any earlier input: the masks are too strict");
        }
    }

    [Fact]
    public void ConditionChangesTheDistribution()
    {
        var model = new MadeNetwork<double>(new MadeConfig(4, ConditionSize: 3, HiddenWidth: 8, HiddenLayers: 1), seed: 41);
        var ws = model.CreateWorkspace();
        byte[] bits = [1, 0, 1, 1];
        double a = model.LogProbability(bits, [0, 0, 0], ws);
        double b = model.LogProbability(bits, [0, 1, 0], ws);
        Assert.NotEqual(a, b);
    }

    public static TheoryData<PixelCnnConfig> PixelCnnConfigs() =>
    [
        new PixelCnnConfig(3, 3, Channels: 4, HalfWidth: 1, Layers: 3),
        new PixelCnnConfig(2, 4, Channels: 3, HalfWidth: 2, Layers: 4, Residual: true, Activation: Activation.Relu, ConditionSize: 3),
        new PixelCnnConfig(4, 3, Channels: 2, HalfWidth: 1, Layers: 2, ConditionSize: 2),
        new PixelCnnConfig(3, 4, HalfWidth: 1, Layers: 1),
        new PixelCnnConfig(1, 9, Channels: 2, HalfWidth: 2, Layers: 3, Residual: true),
        new PixelCnnConfig(3, 3, Channels: 3, HalfWidth: 1, Layers: 3, Residual: true, Periodic: true),
        new PixelCnnConfig(4, 4, Channels: 2, HalfWidth: 1, Layers: 2, ConditionSize: 2, Periodic: true),
        new PixelCnnConfig(2, 5, Channels: 2, HalfWidth: 2, Layers: 4, Periodic: true),
        new PixelCnnConfig(3, 4, HalfWidth: 1, Layers: 1, Periodic: true),
    ];

    [Theory]
    [MemberData(nameof(PixelCnnConfigs))]
    public void PixelCnnLogitsMatchAPlainWholeLatticeImplementation(PixelCnnConfig config)
    {
        var model = new PixelCnnNetwork<double>(config, seed: 81);
        GradientCheck.Randomize(model.Parameters, 82, a: 1.0);
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(83);
        var p = new double[config.Variables];
        for (int trial = 0; trial < 5; trial++)
        {
            var bits = GradientCheck.RandomBits(config.Variables, ref rng);
            var condition = GradientCheck.RandomBits(config.ConditionSize, ref rng);
            double logq = model.Conditionals(bits, condition, p, ws);
            var z = PixelCnnReference.Logits(config, model.Parameters, bits, condition);
            double expected = 0;
            for (int i = 0; i < z.Length; i++)
            {
                Assert.Equal(1 / (1 + Math.Exp(-z[i])), p[i], 1e-12);
                expected += bits[i] != 0 ? -Math.Log(1 + Math.Exp(-z[i])) : -Math.Log(1 + Math.Exp(z[i]));
            }
            Assert.Equal(expected, logq, 1e-10);
        }
    }

    [Fact]
    public void PixelCnnRejectsBadShapesWithClearMessages()
    {
        Assert.Contains("half-width 0", Assert.Throws<ArgumentException>(() => new PixelCnnNetwork<double>(new PixelCnnConfig(3, 3, HalfWidth: 0))).Message);
        Assert.Contains("0×3", Assert.Throws<ArgumentException>(() => new PixelCnnNetwork<double>(new PixelCnnConfig(0, 3))).Message);
        Assert.Contains("layer count 0", Assert.Throws<ArgumentException>(() => new PixelCnnNetwork<double>(new PixelCnnConfig(3, 3, Layers: 0))).Message);
        var model = new PixelCnnNetwork<double>(new PixelCnnConfig(2, 2, Channels: 2, Layers: 2));
        var ws = model.CreateWorkspace();
        Assert.Contains("2×2 lattice", Assert.Throws<ArgumentException>(() => model.LogProbability(new byte[3], [], ws)).Message);
        Assert.Contains("condition bits", Assert.Throws<ArgumentException>(() => model.LogProbability(new byte[4], [1], ws)).Message);
    }
}
