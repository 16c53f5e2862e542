using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.MeanField;
using Qec.StatMech.Models;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechLearning;

/// <summary>
/// <c>qecd statmech meanfield --n 20 --betas 0.1:2:0.1 [--seed S] [--threads T] [--plot FILE]</c>: the free energy per
/// spin of an SK model by enumeration next to naive mean field, TAP and Bethe (loopy BP), with each fixed point's
/// convergence; the curves a variational network is compared with (VAN paper, Fig. 1).
/// </summary>
public static class MeanFieldCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var size = new Option<int>("--n") { Description = "spins of the SK model (the exact column enumerates: n ≤ 30)", DefaultValueFactory = _ => 20 };
        var betas = new Option<string>("--betas") { Description = "inverse temperatures: a list or start:stop:step", DefaultValueFactory = _ => "0.1:2:0.1" };
        var seed = new Option<int>("--seed") { Description = "seed of the SK couplings", DefaultValueFactory = _ => 1 };
        var damping = new Option<double>("--damping") { Description = "damping of the fixed-point iterations, in [0, 1)", DefaultValueFactory = _ => 0.5 };
        var threads = new Option<int>("--threads") { Description = "enumeration threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write F/n against β as a PNG" };
        var command = new Command("meanfield", "SK free energy per spin: enumeration against naive mean field, TAP and Bethe")
        {
            size, betas, seed, damping, threads, plot,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(size), seedValue = parse.GetValue(seed);
            CheckSize("--n", n, ExactEnumeration.MaxSpins, "the exact column enumerates 2^n states");
            var list = ParseList("--betas", parse.GetValue(betas)!);
            CheckBetas(list);
            var d = parse.GetValue(damping);
            if (!(d >= 0 && d < 1)) throw new ArgumentException(LearningCli.Invariant($"--damping {d}: expected 0 ≤ damping < 1"));
            var sk = IsingModel.SherringtonKirkpatrick(n, seedValue);
            var options = new MeanFieldOptions(Damping: d, Seed: seedValue);
            Thermodynamics[] exact = [];
            var rows = new MeanFieldResult[list.Length][];
            WithProgress("mean field", list.Length + 1, step =>
            {
                exact = ExactEnumeration.Solve(sk, list, parse.GetValue(threads));
                step(1);
                for (var b = 0; b < list.Length; b++)
                {
                    rows[b] = [MeanFieldFreeEnergy.Naive(sk, list[b], options), MeanFieldFreeEnergy.Tap(sk, list[b], options), MeanFieldFreeEnergy.Bethe(sk, list[b], options)];
                    step(1);
                }
            });
            var output = console.Out;
            output.WriteLine($"free energy per spin F/n = −ln Z/(βn): {sk.Name}; fixed points: damping {d}, {options.Restarts} random restarts (seed {seedValue}), best converged kept");
            output.WriteLine($"{"beta",-7}{"exact",-13}{"nMF",-13}{"TAP",-13}{"Bethe",-13}{"nMF−exact",-12}{"TAP−exact",-12}{"Bethe−exact",-12}converged (nMF TAP Bethe)");
            for (var b = 0; b < list.Length; b++)
            {
                var f = exact[b].FreeEnergyPerSpin(n);
                var row = rows[b];
                output.WriteLine(Invariant($"{list[b],-7:0.###}{f,-13:0.000000}{row[0].FreeEnergyPerSpin,-13:0.000000}{row[1].FreeEnergyPerSpin,-13:0.000000}{row[2].FreeEnergyPerSpin,-13:0.000000}") +
                                 Invariant($"{row[0].FreeEnergyPerSpin - f,-12:+0.00000;-0.00000}{row[1].FreeEnergyPerSpin - f,-12:+0.00000;-0.00000}{row[2].FreeEnergyPerSpin - f,-12:+0.00000;-0.00000}") +
                                 string.Join(' ', row.Select(r => r.Converged ? "yes" : "NO")));
            }
            if (parse.GetValue(plot) is { } file)
            {
                var series = new List<(string, double[], double[])> { ("exact", list, exact.Select(t => t.FreeEnergyPerSpin(n)).ToArray()) };
                string[] names = ["nMF", "TAP", "Bethe (BP)"];
                for (var m = 0; m < 3; m++) series.Add((names[m], list, rows.Select(r => r[m].FreeEnergyPerSpin).ToArray()));
                SaveLinePlot(console, file.FullName, $"SK free energy per spin, {sk.Name}", "β", "F/n", series);
            }
            return 0;
        }));
        return command;
    }
}
