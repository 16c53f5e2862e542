using System.Diagnostics;
using System.Globalization;
using Qec.Generative.Models;
using Qec.StatMech.Exact;
using Qec.StatMech.Hopfield;
using Qec.StatMech.MeanField;
using Qec.StatMech.Models;
using Qec.StatMech.Variational;

namespace Qec.Bench.StatMech;

/// <summary>
/// <c>van [--parts sk,hopfield,ising] [--betas …] [--ising-betas …] [--epochs N] [--ising-epochs N] [--batch B]
/// [--ising-batch B] [--hidden H] [--layers L] [--ising-hidden H] [--ising-layers L] [--lr A] [--threads T]
/// [--seed S] [--n 20] [--lattice 16] [--patterns 2] [--ising-network made|pixelcnn] [--ising-periodic true] …</c>: the acceptance tables of the variational autoregressive
/// network (Wu, Wang &amp; Zhang, PRL 122, 080602 (2019)): relative free-energy error against enumeration (SK n = 20,
/// Hopfield n = 20) and against Kaufman's exact finite lattice (2D Ising L = 16), next to naive mean field and Bethe.
/// </summary>
internal static class VanRun
{
    public static void Run(string[] args)
    {
        var a = new BenchArgs("van", args, "parts", "betas", "ising-betas", "epochs", "ising-epochs", "batch", "ising-batch", "hidden",
            "layers", "ising-hidden", "ising-layers", "lr", "threads", "seed", "n", "lattice", "patterns", "eval", "residual", "anneal", "warm", "ising-network", "ising-lr", "ising-cold-epochs", "ising-fold", "ising-periodic");
        var parts = a.Names("parts", ["sk", "hopfield", "ising"]);
        var seed = a.Seed("seed");
        var threads = a.Int("threads", Environment.ProcessorCount);
        var n = a.Int("n", 20);
        var lr = Doubles(a, "lr", "0.001")[0];
        var residual = a.Text("residual", "true") == "true";
        var anneal = a.Text("anneal", "") is { Length: > 0 } text ? Doubles(a, "anneal", text)[0] : double.NaN;
        Console.WriteLine($"# van bench: seed {seed}, threads {threads}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        foreach (var part in parts)
        {
            switch (part)
            {
                case "sk":
                case "hopfield":
                {
                    var model = part == "sk"
                        ? IsingModel.SherringtonKirkpatrick(n, (int)seed)
                        : HopfieldNetwork.Hebb(HopfieldNetwork.RandomPatterns(n, a.Int("patterns", 2), (int)seed));
                    var betas = Doubles(a, "betas", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1,1.2,1.4,1.6,1.8,2");
                    var exact = ExactEnumeration.Solve(model, betas, threads);
                    var epochs = a.Int("epochs", 1000);
                    var options = new VanOptions(epochs, a.Int("batch", 1000), lr, AnnealFor(epochs, anneal), Symmetry: Z2Mode.PinnedFirstSpin,
                        EvaluationSamples: a.Int("eval", 100_000), FinalLearningRate: lr / 10, Seed: seed, Threads: threads);
                    Table(model, betas, b => exact[b].FreeEnergyPerSpin(model.Size), options,
                        () => new MadeNetwork<double>(new MadeConfig(model.Size - 1, HiddenWidth: a.Int("hidden", 80), HiddenLayers: Layers(a, "layers"),
                            Residual: residual), seed), meanField: true, warm: a.Text("warm", "false") == "true");
                    break;
                }
                case "ising":
                {
                    var length = a.Int("lattice", 16);
                    var model = a.Text("ising-fold", "false") == "true" ? FoldedTorus.Create(length) : IsingModel.SquareLattice(length, periodic: true);
                    var betas = Doubles(a, "ising-betas", "0.1,0.2,0.3,0.4,0.44,0.5,0.6,0.7,0.8,0.9,1");
                    var epochs = a.Int("ising-epochs", 1000);
                    var pixel = a.Text("ising-network", "made") == "pixelcnn";
                    var isingLr = Doubles(a, "ising-lr", "0.01")[0];
                    // PixelCNN sees the whole lattice, so its Z2 symmetry is ½[q(s) + q(−s)] at twice the cost; it is needed
                    // only in the ordered phase (β > β_c: two modes), so a warm-started PixelCNN switches to it there.
                    var options = new VanOptions(epochs, a.Int("ising-batch", 500), isingLr, AnnealFor(epochs, anneal),
                        Symmetry: pixel ? Z2Mode.None : Z2Mode.PinnedFirstSpin,
                        EvaluationSamples: a.Int("eval", 100_000), FinalLearningRate: isingLr / 10, Seed: seed, Threads: threads);
                    Table<float>(model, betas, b => Kaufman.FreeEnergyPerSite(length, betas[b]), options,
                        () => pixel
                            ? (IAutoregressiveModel<float>)new PixelCnnNetwork<float>(new PixelCnnConfig(length, length, Channels: a.Int("ising-hidden", 16), HalfWidth: 2,
                                Layers: Layers(a, "ising-layers") + 2, Residual: residual,
                                Periodic: a.Text("ising-periodic", "false") == "true"), seed)
                            : new MadeNetwork<float>(new MadeConfig(model.Size - 1, HiddenWidth: a.Int("ising-hidden", 256),
                                HiddenLayers: Layers(a, "ising-layers"), Residual: residual), seed),
                        meanField: false, warm: a.Text("warm", "false") == "true",
                        cold: pixel ? options with { Symmetry = Z2Mode.Symmetrized, Epochs = a.Int("ising-cold-epochs", epochs),
                            AnnealRate = AnnealFor(a.Int("ising-cold-epochs", epochs), anneal), UniformStart = false } : null);
                    break;
                }
                default:
                    throw new BenchArgsException($"van: --parts '{part}': expected sk, hopfield or ising");
            }
        }
    }

    /// <summary>Trains one fresh network per β (or, warm, one network along the ascending β list, each β annealed from the
    /// previous one) and prints one markdown row per β as soon as it is done.</summary>
    private static void Table<T>(IsingModel model, double[] betas, Func<int, double> exact, VanOptions options,
        Func<IAutoregressiveModel<T>> network, bool meanField, bool warm, VanOptions? cold = null) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Console.WriteLine();
        var first = network();
        Console.WriteLine(Invariant($"## {model.Name}: {first.Kind} {string.Join(" ", first.DescribeArchitecture().Where(p => p.Key != "model.kind").Select(p => $"{p.Key[6..]}={p.Value}"))}, {first.Parameters.ScalarCount} parameters, {typeof(T).Name}"));
        Console.WriteLine(Invariant($"{options.Epochs} steps × batch {options.Batch} per β{(warm ? " (warm start from the previous β)" : "")}, Adam lr {options.LearningRate}→{options.FinalLearningRate}, anneal a = {options.AnnealRate:0.#####}, clip {options.ClipNorm}, Z2 {options.Symmetry}, {options.EvaluationSamples} evaluation samples"));
        Console.WriteLine();
        Console.WriteLine(meanField
            ? "| β | exact F/n | VAN F/n ± se | VAN rel. err | nMF rel. err | Bethe rel. err | VAN best | reweighted F/n ± se | rel. err | ESS/M | s |"
            : "| β | exact F/n | VAN F/n ± se | VAN rel. err | reweighted F/n ± se | rel. err | ESS/M | s |");
        Console.WriteLine(meanField ? "|---|---|---|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|");
        if (cold is not null)
            Console.WriteLine(Invariant($"above β_c = {Onsager.CriticalBeta:0.####}: Z2 {cold.Symmetry}, {cold.Epochs} steps per β, a = {cold.AnnealRate:0.#####}"));
        VanTrainer<T>? trainer = null;
        IAutoregressiveModel<T>? current = null;
        var switched = false;
        for (var b = 0; b < betas.Length; b++)
        {
            var clock = Stopwatch.StartNew();
            if (!warm || b == 0) trainer = new VanTrainer<T>(model, current = b == 0 ? first : network(), options);
            if (cold is not null && betas[b] > Onsager.CriticalBeta && !switched && warm)
            {
                trainer = new VanTrainer<T>(model, current!, cold);
                switched = true;
            }
            var estimate = trainer!.Train(betas[b], startBeta: warm && b > 0 ? betas[b - 1] : 0);
            var f = exact(b);
            var relative = (estimate.FreeEnergyPerSpin - f) / Math.Abs(f);
            var row = Invariant($"| {betas[b]} | {f:0.000000} | {estimate.FreeEnergyPerSpin:0.000000} ± {estimate.StandardError:0.0e0} | {relative:0.0e0} |");
            if (meanField)
            {
                var naive = (MeanFieldFreeEnergy.Naive(model, betas[b]).FreeEnergyPerSpin - f) / Math.Abs(f);
                var bethe = MeanFieldFreeEnergy.Bethe(model, betas[b]);
                var betheError = (bethe.FreeEnergyPerSpin - f) / Math.Abs(f);
                var best = Math.Abs(relative) < Math.Abs(naive) && Math.Abs(relative) < Math.Abs(betheError);
                row += Invariant($" {naive:0.0e0} | {betheError:0.0e0}{(bethe.Converged ? "" : " (not converged)")} | {(best ? "yes" : "NO")} |");
            }
            var reweighted = (estimate.ReweightedFreeEnergyPerSpin - f) / Math.Abs(f);
            row += Invariant($" {estimate.ReweightedFreeEnergyPerSpin:0.000000} ± {estimate.ReweightedStandardError:0.0e0} | {reweighted:0.0e0} | {estimate.EffectiveSampleFraction:0.000} |");
            Console.WriteLine(row + Invariant($" {clock.Elapsed.TotalSeconds:0} |"));
        }
    }

    /// <summary>The anneal rate a given, else the one with β_t within 1e-3 of β after half the steps: a^(epochs/2) = 1e-3.</summary>
    private static double AnnealFor(int epochs, double given) => double.IsNaN(given) ? Math.Pow(1e-3, 2.0 / epochs) : given;

    private static int Layers(BenchArgs a, string name) =>
        int.TryParse(a.Text(name, "2"), NumberStyles.None, CultureInfo.InvariantCulture, out var layers)
            ? layers
            : throw new BenchArgsException($"van: --{name} '{a.Text(name, "2")}': expected a non-negative integer");

    private static double[] Doubles(BenchArgs a, string name, string fallback) =>
        Array.ConvertAll(a.Text(name, fallback).Split(','), text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
                ? value
                : throw new BenchArgsException($"van: --{name} '{text}': expected positive numbers separated by commas"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
