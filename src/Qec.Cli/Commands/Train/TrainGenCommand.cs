using System.CommandLine;
using System.Globalization;
using Qec.Core.Decoding;
using Qec.Generative.Decoding;
using Qec.Generative.Models;
using Qec.Generative.Training;
using Spectre.Console;

namespace Qec.Cli.Commands.Train;

/// <summary>
/// <c>qecd train gen --dem F --out model.st [--shots N --epochs E --hidden W --layers L --lr A --batch B --seed S
/// --resume model.st --threads T --base none|NAME[:KEY=VALUE…] --heldout H]</c>: trains the <c>gen</c> decoder's network by maximum
/// likelihood on fresh shots of the DEM (<see cref="GenerativeTrainer"/>) and writes it with the DEM's hash.
/// </summary>
public static class TrainGenCommand
{
    /// <summary>Builds the <c>train gen</c> command.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var dem = new Option<FileInfo>("--dem") { Description = "the detector error model to train for", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "weights file to write (safetensors)", Required = true };
        var shots = new Option<long>("--shots") { Description = "fresh training shots per epoch", DefaultValueFactory = _ => 1_000_000 };
        var epochs = new Option<int>("--epochs") { Description = "epochs", DefaultValueFactory = _ => 10 };
        var hidden = new Option<int>("--hidden") { Description = "hidden width of the MADE network", DefaultValueFactory = _ => 128 };
        var layers = new Option<int>("--layers") { Description = "hidden layers (residual after the first)", DefaultValueFactory = _ => 2 };
        var lr = new Option<double>("--lr") { Description = "Adam step size (cosine-decayed to 5% over the run)", DefaultValueFactory = _ => 1e-3 };
        var batch = new Option<int>("--batch") { Description = "shots per mini-batch", DefaultValueFactory = _ => 1024 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the weights and the sampler", DefaultValueFactory = _ => 1 };
        var resume = new Option<FileInfo?>("--resume") { Description = "start from this weights file (its architecture and base decoder)" };
        var threads = new Option<int>("--threads") { Description = "threads per mini-batch", DefaultValueFactory = _ => 1 };
        var baseDecoder = new Option<string>("--base") { Description = "decoder whose answer the network corrects: none, or a registered decoder with options as in compare, e.g. mwpm or mwpm:correlations=true", DefaultValueFactory = _ => GenerativeModelFile.NoBase };
        var heldOut = new Option<int>("--heldout") { Description = "held-out shots scored after each epoch", DefaultValueFactory = _ => 10_000 };
        var command = new Command("gen", "train the gen decoder (autoregressive q(logicals | syndrome)) by maximum likelihood on shots sampled from a DEM")
        {
            dem, output, shots, epochs, hidden, layers, lr, batch, seed, resume, threads, baseDecoder, heldOut,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var model = CliConsole.LoadModel(parse.GetValue(dem)!);
            if (model.NumObservables == 0)
            {
                throw new ArgumentException($"--dem {parse.GetValue(dem)!.FullName}: the DEM has no logical observables (no L# targets): gen has nothing to predict");
            }
            var options = new GenerativeTrainingOptions(parse.GetValue(shots), parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(lr),
                Seed: parse.GetValue(seed), Threads: parse.GetValue(threads), HeldOutShots: parse.GetValue(heldOut));
            options.Validate();
            int width = parse.GetValue(hidden), depth = parse.GetValue(layers);
            if (width < 1 || depth < 0)
            {
                throw new ArgumentException($"--hidden {width} must be ≥ 1 and --layers {depth} ≥ 0");
            }
            string baseName = parse.GetValue(baseDecoder)!;
            MadeNetwork<float> network;
            if (parse.GetValue(resume) is { } from)
            {
                network = GenerativeModelFile.Load<float>(from.FullName, model, out baseName, out _);
            }
            else
            {
                int k = (int)model.NumObservables;
                network = new MadeNetwork<float>(new MadeConfig(k, GenerativeModelFile.ConditionSize((int)model.NumDetectors, k, baseName),
                    width, depth, Residual: true), parse.GetValue(seed));
            }
            var compiledBase = BaseDecoderSpec.Compile(registry, baseName, model, $"--base {baseName}");
            var trainer = new GenerativeTrainer(model, network, compiledBase, options);
            var outFile = parse.GetValue(output)!;
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"gen: {model.NumDetectors} detectors, {model.NumObservables} observables, base {baseName}; MADE {network.Config.HiddenLayers}×{network.Config.HiddenWidth} ({network.Parameters.ScalarCount} parameters); {options.Epochs} epochs × {options.ShotsPerEpoch} shots"));
            var result = Train(console, trainer, options.Epochs);
            GenerativeModelFile.Save(network, outFile.FullName, model, baseName, new Dictionary<string, string>
            {
                ["gen.train.shots"] = result.Shots.ToString(CultureInfo.InvariantCulture),
                ["gen.train.seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["gen.train.heldout_errors"] = $"{result.HeldOutErrors}/{result.HeldOutShots}",
            });
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outFile.FullName}: {result.Shots} shots, final loss {result.Loss:0.000000} nats/shot, held-out errors {result.HeldOutErrors}/{result.HeldOutShots}"));
            return 0;
        }));
        return command;
    }

    /// <summary>Runs the trainer with a Spectre.Console progress bar (loss, held-out error rate) on a terminal, else one line per epoch.</summary>
    private static TrainingProgress Train(CliConsole console, GenerativeTrainer trainer, int epochs)
    {
        void Line(TrainingProgress p) => console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{epochs}: loss {p.Loss:0.000000} nats/shot, held-out errors {p.HeldOutErrors}/{p.HeldOutShots} ({p.HeldOutErrorRate:0.00000})"));
        if (Console.IsErrorRedirected || !ReferenceEquals(console.Error, Console.Error))
        {
            return trainer.Run(p =>
            {
                if (p.EpochDone)
                {
                    Line(p);
                }
            });
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        TrainingProgress last = default;
        terminal.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: 1);
                string heldOut = "-";
                last = trainer.Run(p =>
                {
                    task.MaxValue = p.TotalShots;
                    task.Value = p.Shots;
                    if (p.EpochDone)
                    {
                        heldOut = p.HeldOutErrorRate.ToString("0.00000", CultureInfo.InvariantCulture);
                    }
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{epochs} loss {p.Loss:0.00000} held-out LER {heldOut}");
                });
            });
        Line(last);
        return last;
    }
}
