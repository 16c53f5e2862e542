using Qec.Core.Sampling;
using Qec.Generative.Models;
using Qec.Generative.Parameters;
using Qec.Generative.Training;

namespace Qec.Generative.Tests;

/// <summary>Maximum likelihood with the weighted gradient and Adam fits small known distributions.</summary>
public class TrainingTests
{
    [Fact]
    public void FitsAFixedFourBitDistributionToSmallKl()
    {
        // Target p over 16 strings (fixed, far from uniform); full-batch cross-entropy −Σ_s p(s) log q(s),
        // i.e. weights w_s = −p(s): its minimum is KL(p‖q) = 0.
        const int n = 4;
        double[] p = [0.20, 0.01, 0.05, 0.02, 0.10, 0.01, 0.03, 0.08, 0.01, 0.15, 0.02, 0.04, 0.06, 0.12, 0.09, 0.01];
        var all = new byte[16 * n];
        for (int s = 0; s < 16; s++) for (int i = 0; i < n; i++) all[s * n + i] = (byte)((s >> i) & 1);
        var weights = new double[16];
        for (int s = 0; s < 16; s++) weights[s] = -p[s];
        var model = new MadeNetwork<double>(new MadeConfig(n, HiddenWidth: 16, HiddenLayers: 1), seed: 81);
        var adam = new AdamOptimizer<double>(model.Parameters, new AdamOptions(LearningRate: 0.05));
        var gradient = model.Parameters.CreateZerosLike();
        var ws = model.CreateWorkspace();
        var logq = new double[16];
        for (int step = 0; step < 400; step++)
        {
            gradient.Clear();
            model.AccumulateGradient(all, [], weights, gradient, logq, ws);
            adam.Step(gradient);
        }
        model.LogProbabilities(all, [], logq, ws);
        double kl = 0;
        for (int s = 0; s < 16; s++) kl += p[s] * (Math.Log(p[s]) - logq[s]);
        Assert.True(kl < 1e-3, $"KL(p‖q) = {kl}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LearnsAConditionalParityAndCopyTaskFromSamples(bool residual)
    {
        // c: 6 random bits; s_0 = c_0 XOR c_1 (parity), s_1 = c_2 (copy), s_2 = s_0 XOR s_1 (parity of earlier outputs). Trained in float32 on sampled
        // minibatches (w_b = −1/B); greedy decoding must then be right for all 64 conditions.
        const int m = 6, n = 3, batch = 32;
        var model = new MadeNetwork<float>(new MadeConfig(n, ConditionSize: m, HiddenWidth: 32, HiddenLayers: 2, Residual: residual), seed: 91);
        var adam = new AdamOptimizer<float>(model.Parameters, new AdamOptions(LearningRate: 0.01, ClipNorm: 5));
        var gradient = model.Parameters.CreateZerosLike();
        var ws = model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(92);
        var conditions = new byte[batch * m];
        var samples = new byte[batch * n];
        var weights = new float[batch];
        Array.Fill(weights, -1f / batch);
        var logq = new float[batch];
        for (int step = 0; step < 600; step++)
        {
            for (int b = 0; b < batch; b++)
            {
                int c = (int)(rng.NextUInt64() >> 58);
                Target(c, conditions.AsSpan(b * m, m), samples.AsSpan(b * n, n));
            }
            gradient.Clear();
            model.AccumulateGradient(samples, conditions, weights, gradient, logq, ws);
            adam.Step(gradient);
        }
        var condition = new byte[m];
        var expected = new byte[n];
        var decoded = new byte[n];
        int correct = 0;
        double meanLogq = 0;
        for (int c = 0; c < 64; c++)
        {
            Target(c, condition, expected);
            meanLogq += model.Greedy(decoded, condition, ws) / 64.0;
            if (decoded.AsSpan().SequenceEqual(expected)) correct++;
        }
        Assert.Equal(64, correct);
        Assert.True(meanLogq > -0.1, $"mean log q of the decoded strings {meanLogq}");
    }

    private static void Target(int c, Span<byte> condition, Span<byte> s)
    {
        for (int j = 0; j < condition.Length; j++) condition[j] = (byte)((c >> j) & 1);
        s[0] = (byte)(condition[0] ^ condition[1]);
        s[1] = condition[2];
        s[2] = (byte)(s[0] ^ s[1]);
    }

    [Fact]
    public void AdamClipsTheGlobalNormAndReportsItBeforeClipping()
    {
        var parameters = new ParameterSet<double>();
        parameters.Add("a", 2);
        parameters.Add("b", 1);
        var gradient = parameters.CreateZerosLike();
        gradient["a"].Data[0] = 3;
        gradient["a"].Data[1] = 0;
        gradient["b"].Data[0] = 4;
        var adam = new AdamOptimizer<double>(parameters, new AdamOptions(LearningRate: 0.1, ClipNorm: 1));
        Assert.Equal(5.0, adam.Step(gradient), 1e-12);
        Assert.Equal(1.0, gradient.GlobalNorm(), 1e-12);
        // First Adam step moves each coordinate by α·sign(g) (up to ε); a zero gradient never moves.
        Assert.Equal(-0.1, parameters["a"].Data[0], 1e-6);
        Assert.Equal(0.0, parameters["a"].Data[1]);
        Assert.Equal(-0.1, parameters["b"].Data[0], 1e-6);
    }

    [Fact]
    public void PixelCnnMinimizesTheVariationalFreeEnergyOfASmallIsingLattice()
    {
        // 2×3 open-boundary ferromagnet E = −Σ_<ij> σ_i σ_j, σ = 2s − 1, β = 0.6. Exact full-batch VAN gradient
        // (Wu, Wang and Zhang 2019, Eq. 3) by enumeration: ∇βF_q = Σ_s q(s)(f(s) − βF_q) ∇log q(s), f = log q + βE,
        // i.e. weights w_s = q(s)(f(s) − βF_q). βF_q − βF = KL(q‖p) ≥ 0 must fall close to 0.
        const int height = 2, width = 3, n = height * width, states = 1 << n;
        const double beta = 0.6;
        var all = new byte[states * n];
        var energy = new double[states];
        double z = 0;
        for (int s = 0; s < states; s++)
        {
            for (int i = 0; i < n; i++) all[s * n + i] = (byte)((s >> i) & 1);
            double e = 0;
            for (int r = 0; r < height; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    int sigma = 2 * all[s * n + r * width + c] - 1;
                    if (c + 1 < width) e -= sigma * (2 * all[s * n + r * width + c + 1] - 1);
                    if (r + 1 < height) e -= sigma * (2 * all[s * n + (r + 1) * width + c] - 1);
                }
            }
            energy[s] = e;
            z += Math.Exp(-beta * e);
        }
        double betaF = -Math.Log(z);
        var model = new PixelCnnNetwork<double>(new PixelCnnConfig(height, width, Channels: 8, HalfWidth: 2, Layers: 3), seed: 95);
        var adam = new AdamOptimizer<double>(model.Parameters, new AdamOptions(LearningRate: 0.02));
        var gradient = model.Parameters.CreateZerosLike();
        var ws = model.CreateWorkspace();
        var logq = new double[states];
        var weights = new double[states];
        double kl = double.PositiveInfinity;
        for (int step = 0; step < 120; step++)
        {
            model.LogProbabilities(all, [], logq, ws);
            double betaFq = 0;
            for (int s = 0; s < states; s++) betaFq += Math.Exp(logq[s]) * (logq[s] + beta * energy[s]);
            kl = betaFq - betaF;
            for (int s = 0; s < states; s++) weights[s] = Math.Exp(logq[s]) * (logq[s] + beta * energy[s] - betaFq);
            gradient.Clear();
            model.AccumulateGradient(all, [], weights, gradient, logq, ws);
            adam.Step(gradient);
        }
        Assert.True(kl >= -1e-12, $"KL(q‖p) = {kl} is negative");
        Assert.True(kl < 2e-4, $"KL(q‖p) = βF_q − βF = {kl} after training");
    }
}
