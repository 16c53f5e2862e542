using System.CommandLine;
using Qec.StatMech.Boltzmann;
using ScottPlot;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechLearning;

/// <summary>
/// <c>qecd statmech rbm --size 3 --hidden 16 --epochs 10000 [--cd] [--k 1] [--lr 0.05] [--momentum 0.5] [--batch 14]
/// [--chains 100] [--seed S] [--plot FILE] [--samples-png FILE]</c>: trains a binary RBM on n×n bars-and-stripes by
/// PCD (default) or CD-k and prints the exact mean log-likelihood (smaller layer enumerated) as training goes, against
/// the optimum −ln(2^{n+1} − 2); optionally the likelihood curve and a grid of samples as PNGs.
/// </summary>
public static class RbmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var size = new Option<int>("--size") { Description = "bars-and-stripes side n (n² visible units, 2..4)", DefaultValueFactory = _ => 3 };
        var hidden = new Option<int>("--hidden") { Description = "hidden units", DefaultValueFactory = _ => 16 };
        var epochs = new Option<int>("--epochs") { Description = "passes over the data", DefaultValueFactory = _ => 10_000 };
        var cd = new Option<bool>("--cd") { Description = "CD-k instead of persistent CD" };
        var k = new Option<int>("--k") { Description = "Gibbs steps per update", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--lr") { Description = "learning rate (annealed linearly to 0)", DefaultValueFactory = _ => 0.05 };
        var momentum = new Option<double>("--momentum") { Description = "momentum in [0, 1)", DefaultValueFactory = _ => 0.5 };
        var batch = new Option<int>("--batch") { Description = "mini-batch size", DefaultValueFactory = _ => 14 };
        var chains = new Option<int>("--chains") { Description = "persistent chains (PCD)", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "seed of the initial weights, shuffling and sampling", DefaultValueFactory = _ => 1 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write the exact log-likelihood against the epoch as a PNG" };
        var samplesPng = new Option<FileInfo?>("--samples-png") { Description = "write 64 samples (1000 Gibbs steps each) as a PNG grid" };
        var command = new Command("rbm", "train a binary RBM on bars-and-stripes by PCD or CD-k; exact log-likelihood")
        {
            size, hidden, epochs, cd, k, rate, momentum, batch, chains, seed, plot, samplesPng,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int side = parse.GetValue(size), nh = parse.GetValue(hidden), totalEpochs = parse.GetValue(epochs), seedValue = parse.GetValue(seed);
            if (side < 2 || side > 4) throw new ArgumentException($"--size {side}: expected 2 ≤ n ≤ 4 (the exact likelihood enumerates the smaller layer)");
            if (nh < 1 || Math.Min(nh, side * side) > RbmLikelihood.MaxEnumeratedUnits)
                throw new ArgumentException($"--hidden {nh}: expected ≥ 1, and the smaller layer must have ≤ {RbmLikelihood.MaxEnumeratedUnits} units for the exact likelihood");
            var options = new RbmTrainingOptions(!parse.GetValue(cd), parse.GetValue(k), parse.GetValue(rate), parse.GetValue(momentum), 0,
                parse.GetValue(batch), parse.GetValue(chains), totalEpochs, seedValue);
            var data = BarsAndStripes.Patterns(side);
            var rbm = new BinaryRbm(side * side, nh, seedValue);
            var every = Math.Max(1, totalEpochs / 20);
            var curve = new List<(int Epoch, double LogLikelihood)> { (0, RbmLikelihood.MeanLogLikelihood(rbm, data)) };
            WithProgress("rbm epochs", totalEpochs, step => RbmTrainer.Train(rbm, data, options, epoch =>
            {
                step(1);
                if (epoch % every == 0 || epoch == totalEpochs) curve.Add((epoch, RbmLikelihood.MeanLogLikelihood(rbm, data)));
            }));
            var output = console.Out;
            var optimum = -Math.Log(data.Count);
            output.WriteLine(Invariant($"rbm {side * side} visible × {nh} hidden on {side}x{side} bars-and-stripes ({data.Count} patterns, optimum −ln {data.Count} = −{-optimum:0.000000})"));
            output.WriteLine(Invariant($"{(options.Persistent ? "PCD" : "CD")}-{options.GibbsSteps}{(options.Persistent ? $" ({options.Chains} chains)" : "")}, lr {options.LearningRate} annealed to 0, momentum {options.Momentum}, batch {options.BatchSize}, {totalEpochs} epochs, seed {seedValue}"));
            output.WriteLine($"{"epoch",-9}mean exact log-likelihood");
            foreach (var (epoch, ll) in curve) output.WriteLine(Invariant($"{epoch,-9}{ll:0.000000}"));
            output.WriteLine(Invariant($"final:   {curve[^1].LogLikelihood:0.000000} ({optimum - curve[^1].LogLikelihood:0.000000} below the optimum)"));
            if (parse.GetValue(plot) is { } file)
            {
                SaveLinePlot(console, file.FullName, Invariant($"RBM on {side}x{side} bars-and-stripes, seed {seedValue}"), "epoch", "mean exact log-likelihood",
                [
                    (options.Persistent ? "PCD" : "CD", curve.Select(c => (double)c.Epoch).ToArray(), curve.Select(c => c.LogLikelihood).ToArray()),
                    ("optimum −ln |D|", [0, totalEpochs], [optimum, optimum]),
                ]);
            }
            if (parse.GetValue(samplesPng) is { } samplesFile)
            {
                var samples = RbmSampler.Samples(rbm, 64, 1000, seedValue + 1);
                var valid = samples.Count(s => data.Any(p => p.AsSpan().SequenceEqual(s)));
                output.WriteLine($"samples: {valid} of 64 (1000 block-Gibbs steps from random starts) are bars-and-stripes patterns");
                SaveSampleGrid(console, samplesFile.FullName, samples, side, Invariant($"RBM samples, {side}x{side} bars-and-stripes, seed {seedValue}"));
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Draws the samples as an 8-wide grid of n×n pixel images (black = 1), one cell of gap between images.</summary>
    private static void SaveSampleGrid(CliConsole console, string path, List<byte[]> samples, int side, string title)
    {
        using var plot = new Plot();
        plot.Font.Set(Compare.StatsPlot.SansFont());
        const int columns = 8;
        for (var s = 0; s < samples.Count; s++)
        {
            int gridRow = s / columns, gridColumn = s % columns;
            for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
            {
                double left = gridColumn * (side + 1) + c, top = -(gridRow * (side + 1) + r);
                var pixel = plot.Add.Rectangle(left, left + 1, top - 1, top);
                pixel.FillColor = samples[s][r * side + c] == 1 ? Colors.Black : Colors.LightGray;
                pixel.LineWidth = 0;
            }
        }
        plot.Title(title);
        plot.HideAxesAndGrid();
        plot.Axes.SquareUnits();
        Save(console, plot, path, 800, 860);
    }
}
