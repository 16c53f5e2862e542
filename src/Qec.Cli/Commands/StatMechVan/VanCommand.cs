using System.CommandLine;
using Qec.Cli.Commands.StatMechLearning;
using Qec.Generative.Models;
using Qec.StatMech.Exact;
using Qec.StatMech.Hopfield;
using Qec.StatMech.MeanField;
using Qec.StatMech.Models;
using Qec.StatMech.Variational;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechVan;

/// <summary>
/// <c>qecd statmech van --model sk|ising|hopfield [--n 20 | --lattice 16] [--patterns 2] --beta 0.1:2:0.1 [--epochs N]
/// [--batch B] [--network made|pixelcnn] [--hidden H] [--layers L] [--lr A] [--z2 pin|symmetrize|none] [--warm-start]
/// [--seed S] [--threads T] [--out FILE]</c>: a variational autoregressive network (MADE, or PixelCNN on the lattice)
/// trained per β (Wu, Wang &amp; Zhang, PRL 122, 080602 (2019)), its free energy per spin
/// with a standard error, energy and entropy, next to the exact value (enumeration for n ≤ 26, Kaufman's formula for the
/// periodic square lattice) and naive mean field, TAP and Bethe; optionally a PNG of F/n against β.
/// </summary>
public static class VanCommand
{
    /// <summary>The largest n for which the exact column enumerates (2^26 states take a few seconds).</summary>
    public const int MaxExactSpins = 26;

    private const int MaxSpins = 4096;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "sk, ising (periodic L×L square lattice) or hopfield (Hebb rule, random patterns)", DefaultValueFactory = _ => "sk" };
        var size = new Option<int>("--n") { Description = "spins of the SK or Hopfield model", DefaultValueFactory = _ => 20 };
        var lattice = new Option<int>("--lattice") { Description = "side L of the square lattice (--model ising)", DefaultValueFactory = _ => 4 };
        var patterns = new Option<int>("--patterns") { Description = "stored patterns P (--model hopfield)", DefaultValueFactory = _ => 2 };
        var betas = new Option<string>("--beta") { Description = "inverse temperatures: a list 0.5,1 or start:stop:step", DefaultValueFactory = _ => "0.1:2:0.1" };
        var epochs = new Option<int>("--epochs") { Description = "training steps per β", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "samples per step", DefaultValueFactory = _ => 500 };
        var hidden = new Option<int>("--hidden") { Description = "hidden units per MADE layer", DefaultValueFactory = _ => 80 };
        var layers = new Option<int>("--layers") { Description = "hidden MADE layers (0: logistic autoregression)", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate (decays tenfold over the steps)", DefaultValueFactory = _ => 0.02 };
        var seed = new Option<int>("--seed") { Description = "seed of the couplings or patterns, the network and the samples", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var network = new Option<string>("--network") { Description = "made, or pixelcnn (--model ising only; --hidden = channels, --layers = hidden conv layers, 5×5 windows that wrap around the torus unless --fold)", DefaultValueFactory = _ => "made" };
        var z2 = new Option<string>("--z2") { Description = "spin-flip symmetry: pin (first spin fixed, then a global flip; MADE only), symmetrize (½[q(s) + q(−s)], twice the cost) or none", DefaultValueFactory = _ => "pin" };
        var fold = new Option<bool>("--fold") { Description = "--model ising: relabel the torus so every bond, the wrapped ones too, is within a 5×5 PixelCNN window" };
        var warm = new Option<bool>("--warm-start") { Description = "train one network along the ascending β list, each β annealed from the previous one" };
        var output = new Option<FileInfo?>("--out") { Description = "write F/n against β (VAN, exact, mean field) as a PNG" };
        var command = new Command("van", "variational autoregressive network: free energy per spin against exact and mean field")
        {
            model, size, lattice, patterns, betas, epochs, batch, network, hidden, layers, lr, z2, fold, warm, seed, threads, output,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var ising = BuildModel(parse.GetValue(model)!, parse.GetValue(size), parse.GetValue(lattice), parse.GetValue(patterns), parse.GetValue(seed),
                parse.GetValue(fold));
            var list = ParseList("--beta", parse.GetValue(betas)!);
            if (list.Length == 0) throw new ArgumentException("--beta is empty");
            foreach (var beta in list)
                if (!(beta > 0) || !double.IsFinite(beta))
                    throw new ArgumentException(Invariant($"--beta: β = {beta} is not positive; every β must be > 0 and finite"));
            int steps = parse.GetValue(epochs), width = parse.GetValue(hidden), depth = parse.GetValue(layers);
            if (steps < 1) throw new ArgumentException($"--epochs {steps}: at least one step is needed");
            if (parse.GetValue(batch) < 2) throw new ArgumentException($"--batch {parse.GetValue(batch)}: at least 2 samples are needed (the baseline is their mean)");
            if (depth < 0) throw new ArgumentException($"--layers {depth}: expected ≥ 0");
            if (depth > 0 && width < 1) throw new ArgumentException($"--hidden {width}: expected ≥ 1");
            var rate = parse.GetValue(lr);
            if (!(rate > 0) || !double.IsFinite(rate)) throw new ArgumentException(Invariant($"--lr {rate}: expected a positive learning rate"));
            if (parse.GetValue(threads) < 0) throw new ArgumentException($"--threads {parse.GetValue(threads)}: expected ≥ 0 (0 = every core)");
            var symmetry = parse.GetValue(z2) switch
            {
                "pin" => Z2Mode.PinnedFirstSpin,
                "symmetrize" => Z2Mode.Symmetrized,
                "none" => Z2Mode.None,
                var other => throw new ArgumentException($"--z2 '{other}': expected pin, symmetrize or none"),
            };
            var kind = parse.GetValue(network)!;
            if (kind is not ("made" or "pixelcnn")) throw new ArgumentException($"--network '{kind}': expected made or pixelcnn");
            if (kind == "pixelcnn" && parse.GetValue(model) != "ising") throw new ArgumentException("--network pixelcnn needs --model ising (a 2D lattice)");
            if (kind == "pixelcnn" && symmetry == Z2Mode.PinnedFirstSpin) throw new ArgumentException("--z2 pin needs --network made; use --z2 symmetrize with pixelcnn");
            if (parse.GetValue(warm)) Array.Sort(list);
            // β_t reaches β within 1e-3 after half the steps: a^(steps/2) = 1e-3.
            var options = new VanOptions(steps, parse.GetValue(batch), rate, AnnealRate: Math.Pow(1e-3, 2.0 / steps),
                Symmetry: symmetry, EvaluationSamples: Math.Max(10_000, 10 * parse.GetValue(batch)), FinalLearningRate: rate / 10,
                Seed: (ulong)parse.GetValue(seed), Threads: parse.GetValue(threads));
            var (exact, exactNote) = ExactColumn(ising, parse.GetValue(model)!, parse.GetValue(lattice), list, parse.GetValue(threads));
            var rows = new VanRow[list.Length];
            VanProgress.Run(list.Length * steps, report =>
            {
                VanTrainer<double>? trainer = null;
                for (var b = 0; b < list.Length; b++)
                {
                    var warmStart = parse.GetValue(warm) && b > 0;
                    if (!warmStart)
                        trainer = new VanTrainer<double>(ising, CreateNetwork(kind, ising.Size, parse.GetValue(lattice), symmetry, width, depth,
                            (ulong)parse.GetValue(seed), periodic: !parse.GetValue(fold)), options);
                    var estimate = trainer!.Train(list[b], epoch => report(epoch), warmStart ? list[b - 1] : 0);
                    rows[b] = new VanRow(estimate, exact?[b], MeanFieldFreeEnergy.Naive(ising, list[b]), MeanFieldFreeEnergy.Tap(ising, list[b]),
                        MeanFieldFreeEnergy.Bethe(ising, list[b]));
                }
            });
            VanTable.Write(console.Out, ising, options, Invariant($"{(kind == "made" ? "MADE" : "PixelCNN")}, {depth} hidden layers × {width}{(parse.GetValue(warm) ? ", warm-started along β" : "")}"), exactNote, rows);
            if (parse.GetValue(output) is { } file) VanTable.Plot(console, file.FullName, ising, rows);
            return 0;
        }));
        return command;
    }

    /// <summary>A MADE over the n spins (n − 1 with the first pinned; residual when deeper than one layer) or a PixelCNN over
    /// the L×L lattice (5×5 windows, residual; wrapping around the torus when <paramref name="periodic"/>).</summary>
    private static IAutoregressiveModel<double> CreateNetwork(string kind, int n, int lattice, Z2Mode symmetry, int width, int depth, ulong seed,
        bool periodic) =>
        kind == "made"
            ? new MadeNetwork<double>(new MadeConfig(symmetry == Z2Mode.PinnedFirstSpin ? n - 1 : n, HiddenWidth: width, HiddenLayers: depth,
                Residual: depth > 1), seed)
            : new PixelCnnNetwork<double>(new PixelCnnConfig(lattice, lattice, Channels: width, HalfWidth: 2, Layers: depth + 2, Residual: true,
                Periodic: periodic), seed);

    private static IsingModel BuildModel(string name, int n, int lattice, int patterns, int seed, bool fold) => name switch
    {
        _ when fold && name != "ising" => throw new ArgumentException("--fold needs --model ising"),
        "sk" => IsingModel.SherringtonKirkpatrick(CheckedSize("--n", n), seed),
        "hopfield" => patterns >= 1
            ? HopfieldNetwork.Hebb(HopfieldNetwork.RandomPatterns(CheckedSize("--n", n), patterns, seed))
            : throw new ArgumentException($"--patterns {patterns}: at least one pattern is needed"),
        "ising" => lattice >= 2 && lattice * lattice <= MaxSpins
            ? fold ? FoldedTorus.Create(lattice) : IsingModel.SquareLattice(lattice, periodic: true)
            : throw new ArgumentException($"--lattice {lattice}: expected 2 ≤ L ≤ 64"),
        _ => throw new ArgumentException($"--model '{name}': expected sk, ising or hopfield"),
    };

    private static int CheckedSize(string option, int n)
    {
        CheckSize(option, n, MaxSpins, "the network has n² weights per layer");
        return n;
    }

    /// <summary>Exact F/n per β (Kaufman for the torus, enumeration up to <see cref="MaxExactSpins"/>), or null with the reason.</summary>
    private static (double[]? Exact, string Note) ExactColumn(IsingModel model, string name, int lattice, double[] betas, int threads)
    {
        if (name == "ising") return (Array.ConvertAll(betas, beta => Kaufman.FreeEnergyPerSite(lattice, beta)), "exact: Kaufman 1949 (finite periodic lattice)");
        if (model.Size > MaxExactSpins) return (null, $"exact column skipped: n = {model.Size} > {MaxExactSpins} (enumeration of 2^n states)");
        var solved = ExactEnumeration.Solve(model, betas, threads);
        return (Array.ConvertAll(solved, t => t.FreeEnergyPerSpin(model.Size)), "exact: enumeration of 2^n states");
    }
}

/// <summary>One β of the table: the VAN estimate, the exact F/n (null when not computed) and the mean-field results.</summary>
internal sealed record VanRow(VanEstimate Van, double? Exact, MeanFieldResult Naive, MeanFieldResult Tap, MeanFieldResult Bethe);
