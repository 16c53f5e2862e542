using Qec.Generative.Models;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using Qec.StatMech.Variational;

namespace Qec.StatMech.Tests.Variational;

public class VanTests
{
    /// <summary>βF_q = Σ_s q(s)[ln q(s) + βE(s)] by enumeration of all 2^n states (q_s with Z2 symmetry): the
    /// independent oracle of the gradient tests.</summary>
    private static double ExactLoss(IsingModel model, MadeNetwork<double> network, double beta, Z2Mode symmetry)
    {
        var n = model.Size;
        var ws = network.CreateWorkspace();
        var bits = new byte[n];
        var flipped = new byte[n];
        var spins = new sbyte[n];
        var loss = 0.0;
        for (var state = 0; state < 1 << n; state++)
        {
            for (var i = 0; i < n; i++)
            {
                bits[i] = (byte)((state >> i) & 1);
                flipped[i] = (byte)(bits[i] ^ 1);
                spins[i] = bits[i] != 0 ? (sbyte)1 : (sbyte)-1;
            }
            var q = symmetry switch
            {
                Z2Mode.None => Math.Exp(network.LogProbability(bits, [], ws)),
                Z2Mode.Symmetrized => 0.5 * (Math.Exp(network.LogProbability(bits, [], ws)) + Math.Exp(network.LogProbability(flipped, [], ws))),
                _ => 0.5 * Math.Exp(network.LogProbability(bits[0] != 0 ? bits.AsSpan(1) : flipped.AsSpan(1), [], ws)),
            };
            loss += q * (Math.Log(q) + beta * model.Energy(spins));
        }
        return loss;
    }

    /// <summary>∇βF_q by central differences of <see cref="ExactLoss"/>, every parameter.</summary>
    private static double[] FiniteDifferenceGradient(IsingModel model, MadeNetwork<double> network, double beta, Z2Mode z2)
    {
        const double h = 1e-5;
        var gradient = new List<double>();
        foreach (var tensor in network.Parameters)
        for (var j = 0; j < tensor.Data.Length; j++)
        {
            var saved = tensor.Data[j];
            tensor.Data[j] = saved + h;
            var plus = ExactLoss(model, network, beta, z2);
            tensor.Data[j] = saved - h;
            var minus = ExactLoss(model, network, beta, z2);
            tensor.Data[j] = saved;
            gradient.Add((plus - minus) / (2 * h));
        }
        return [.. gradient];
    }

    private static double[] Flatten(Qec.Generative.Parameters.ParameterSet<double> set) => [.. set.SelectMany(t => t.Data)];

    private static double RelativeDistance(double[] a, double[] b)
    {
        double diff = 0, norm = 0;
        for (var k = 0; k < a.Length; k++)
        {
            diff += (a[k] - b[k]) * (a[k] - b[k]);
            norm += b[k] * b[k];
        }
        return Math.Sqrt(diff / norm);
    }

    private static MadeNetwork<double> SmallMade(int n, ulong seed) =>
        new(new MadeConfig(n, HiddenWidth: 2 * n, HiddenLayers: 1), seed);

    /// <summary>The score-function form E_q[(R − βF_q) ∇ln q] evaluated exactly (every state as a row, weighted by
    /// q(s)) through the same batch code the trainer uses, against finite differences of the enumerated loss.</summary>
    [Theory]
    [InlineData(Z2Mode.None)]
    [InlineData(Z2Mode.Symmetrized)]
    [InlineData(Z2Mode.PinnedFirstSpin)]
    public void ScoreFunctionGradientEqualsFiniteDifferences(Z2Mode z2)
    {
        const double beta = 0.9;
        var model = IsingModel.SherringtonKirkpatrick(5, seed: 2);
        var network = SmallMade(z2 == Z2Mode.PinnedFirstSpin ? 4 : 5, 7);
        var states = 1 << model.Size;
        var batch = new VanBatch<double>(model, network, states, z2, threads: 2);
        for (var state = 0; state < states; state++)
        for (var i = 0; i < model.Size; i++)
            batch.Bits[state * model.Size + i] = (byte)((state >> i) & 1);
        batch.ScoreRows();
        var loss = 0.0;
        for (var s = 0; s < states; s++) loss += Math.Exp(batch.LogQ[s]) * (batch.LogQ[s] + beta * batch.Energy[s]);
        Assert.Equal(ExactLoss(model, network, beta, z2), loss, 1e-12);
        var weights = new double[states];
        for (var s = 0; s < states; s++) weights[s] = Math.Exp(batch.LogQ[s]) * (batch.LogQ[s] + beta * batch.Energy[s] - loss);
        batch.AccumulateGradient(weights);
        Assert.True(RelativeDistance(Flatten(batch.Gradient), FiniteDifferenceGradient(model, network, beta, z2)) < 1e-7);
    }

    /// <summary>The REINFORCE estimate from sampled batches (weights (R_b − R̄)/B) converges to the exact gradient:
    /// the average of 4 batches of 50 000 is within 3% (relative L2) of finite differences.</summary>
    [Theory]
    [InlineData(Z2Mode.None)]
    [InlineData(Z2Mode.Symmetrized)]
    [InlineData(Z2Mode.PinnedFirstSpin)]
    public void ReinforceEstimateMatchesExactGradient(Z2Mode z2)
    {
        const double beta = 1.2;
        var model = IsingModel.SherringtonKirkpatrick(4, seed: 3);
        var network = SmallMade(z2 == Z2Mode.PinnedFirstSpin ? 3 : 4, 11);
        var exact = FiniteDifferenceGradient(model, network, beta, z2);
        var trainer = new VanTrainer<double>(model, network, new VanOptions(Batch: 50_000, Symmetry: z2, Seed: 5, Threads: 2, UniformStart: false));
        var sum = new double[exact.Length];
        const int repeats = 4;
        for (var r = 0; r < repeats; r++)
        {
            trainer.EstimateGradient(beta);
            var g = Flatten(trainer.Gradient);
            for (var k = 0; k < g.Length; k++) sum[k] += g[k] / repeats;
        }
        var distance = RelativeDistance(sum, exact);
        Assert.True(distance < 0.03, $"relative distance {distance}");
    }

    /// <summary>A trained VAN on SK n = 8 reaches enumeration's free energy within 2e-3 relative, and never goes below
    /// it by more than the sampling error (F_q ≥ F, Gibbs–Bogoliubov).</summary>
    [Theory]
    [InlineData(0.5, Z2Mode.None)]
    [InlineData(1.5, Z2Mode.Symmetrized)]
    [InlineData(1.5, Z2Mode.PinnedFirstSpin)]
    public void TrainedVanApproachesExactFreeEnergyFromAbove(double beta, Z2Mode z2)
    {
        var model = IsingModel.SherringtonKirkpatrick(8, seed: 4);
        var exact = ExactEnumeration.Solve(model, [beta])[0].FreeEnergyPerSpin(model.Size);
        var network = new MadeNetwork<double>(new MadeConfig(z2 == Z2Mode.PinnedFirstSpin ? 7 : 8, HiddenWidth: 32, HiddenLayers: 1), seed: 3);
        var options = new VanOptions(Epochs: 400, Batch: 400, LearningRate: 3e-2, AnnealRate: 0.98, Symmetry: z2,
            EvaluationSamples: 40_000, FinalLearningRate: 3e-3, Seed: 9, Threads: 2);
        var start = new VanTrainer<double>(model, network, options).Evaluate(beta, 20_000);
        var estimate = new VanTrainer<double>(model, network, options).Train(beta);
        var relative = (estimate.FreeEnergyPerSpin - exact) / Math.Abs(exact);
        Assert.True(relative < 2e-3, $"F_q {estimate.FreeEnergyPerSpin} against exact {exact}: relative {relative}");
        Assert.True(estimate.FreeEnergyPerSpin > exact - 4 * estimate.StandardError, $"F_q {estimate.FreeEnergyPerSpin} ± {estimate.StandardError} below exact {exact}");
        Assert.True(start.FreeEnergyPerSpin - exact > 10 * (estimate.FreeEnergyPerSpin - exact), "training did not improve F_q");
        // F = E − S/β per spin holds sample by sample.
        Assert.Equal(estimate.EnergyPerSpin - estimate.EntropyPerSpin / beta, estimate.FreeEnergyPerSpin, 1e-9);
    }

    /// <summary>The estimate F_q = mean(R)/(βn) of an untrained network equals the enumerated F_q within 4 standard errors,
    /// and it is the same for 1 and 3 threads (each sample has its own generator).</summary>
    [Fact]
    public void EvaluationIsUnbiasedAndIndependentOfThreads()
    {
        const double beta = 0.7;
        var model = IsingModel.SquareLattice(3, periodic: true);
        var network = SmallMade(9, 1);
        var exact = ExactLoss(model, network, beta, Z2Mode.None) / (beta * model.Size);
        var one = new VanTrainer<double>(model, network, new VanOptions(Batch: 1000, Seed: 3, Threads: 1, UniformStart: false)).Evaluate(beta, 20_000);
        var three = new VanTrainer<double>(model, network, new VanOptions(Batch: 1000, Seed: 3, Threads: 3, UniformStart: false)).Evaluate(beta, 20_000);
        Assert.Equal(one, three);
        Assert.True(Math.Abs(one.FreeEnergyPerSpin - exact) < 4 * one.StandardError, $"{one.FreeEnergyPerSpin} ± {one.StandardError} vs {exact}");
    }

    /// <summary>Reweighting the samples of a briefly trained network (neural importance sampling) recovers the exact F
    /// within 4 of its standard errors, with or without the Z2 symmetrization, while F_q, the variational bound, still
    /// sits above F by many of them; the effective sample fraction lies in (0, 1].</summary>
    [Theory]
    [InlineData(Z2Mode.None)]
    [InlineData(Z2Mode.Symmetrized)]
    public void ReweightedEstimateIsConsistentAndSharperThanTheBound(Z2Mode z2)
    {
        const double beta = 0.6;
        var model = IsingModel.SquareLattice(3, periodic: true);
        var exact = ExactEnumeration.Solve(model, [beta])[0].FreeEnergyPerSpin(model.Size);
        var options = new VanOptions(Epochs: 60, Batch: 200, LearningRate: 3e-2, AnnealRate: 0.9, Symmetry: z2, EvaluationSamples: 40_000, Seed: 5);
        var estimate = new VanTrainer<double>(model, SmallMade(9, 1), options).Train(beta);
        Assert.True(Math.Abs(estimate.ReweightedFreeEnergyPerSpin - exact) < 4 * estimate.ReweightedStandardError,
            $"reweighted {estimate.ReweightedFreeEnergyPerSpin} ± {estimate.ReweightedStandardError} against exact {exact}");
        Assert.True(estimate.FreeEnergyPerSpin - exact > 10 * estimate.ReweightedStandardError,
            $"F_q {estimate.FreeEnergyPerSpin} is not clearly above exact {exact}: the test would not tell the two estimates apart");
        Assert.InRange(estimate.EffectiveSampleFraction, 1e-3, 1.0);
    }

    /// <summary>A uniform start zeroes the last layer: q is uniform, so the entropy is ln 2 per spin, with or without the pinned spin.</summary>
    [Theory]
    [InlineData(Z2Mode.None)]
    [InlineData(Z2Mode.PinnedFirstSpin)]
    public void UniformStartHasEntropyLn2PerSpin(Z2Mode z2)
    {
        var model = IsingModel.SherringtonKirkpatrick(6, seed: 1);
        var network = new MadeNetwork<double>(new MadeConfig(z2 == Z2Mode.PinnedFirstSpin ? 5 : 6, HiddenWidth: 12, HiddenLayers: 2), seed: 4);
        var estimate = new VanTrainer<double>(model, network, new VanOptions(Batch: 100, Symmetry: z2)).Evaluate(1.0, 1000);
        Assert.Equal(Math.Log(2), estimate.EntropyPerSpin, 1e-12);
    }

    /// <summary>The folded torus is the same model: equal ln Z to enumeration's torus, every bond within 2 in each folded coordinate.</summary>
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void FoldedTorusHasTheSamePartitionFunctionAndLocalBonds(int length)
    {
        var folded = FoldedTorus.Create(length);
        double[] betas = [0.3, 0.44, 1.0];
        var a = ExactEnumeration.Solve(folded, betas);
        var b = ExactEnumeration.Solve(IsingModel.SquareLattice(length, periodic: true), betas);
        for (var k = 0; k < betas.Length; k++) Assert.Equal(b[k].LogPartition, a[k].LogPartition, 1e-10);
        foreach (var (i, j, _) in folded.Couplings)
        {
            Assert.True(Math.Abs(i / length - j / length) <= 2 && Math.Abs(i % length - j % length) <= 2, $"bond {i}-{j}");
        }
    }

    [Fact]
    public void BadInputIsRefusedByName()
    {
        var model = IsingModel.SherringtonKirkpatrick(4, seed: 1);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() => new VanTrainer<double>(model, SmallMade(5, 1), new VanOptions())).ParamName);
        Assert.Equal("Batch", Assert.Throws<ArgumentOutOfRangeException>(() => new VanOptions(Batch: 1).Validate()).ParamName);
        var trainer = new VanTrainer<double>(model, SmallMade(4, 1), new VanOptions(Batch: 10));
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(0)).ParamName);
        var withFields = model.WithFields([0.1, 0, 0, 0]);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            new VanTrainer<double>(withFields, SmallMade(4, 1), new VanOptions(Symmetry: Z2Mode.Symmetrized))).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentException>(() =>
            new VanTrainer<double>(model, SmallMade(4, 1), new VanOptions(Symmetry: Z2Mode.PinnedFirstSpin))).ParamName);
    }
}
