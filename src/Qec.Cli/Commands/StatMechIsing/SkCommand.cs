using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechIsing;

/// <summary>
/// <c>qecd statmech sk --n N --beta LIST --seed S [--samples K --threads T --plot FILE]</c>: the Sherrington–Kirkpatrick
/// spin glass by exact enumeration — one sample's ln Z/n, f, E/n, C/n and ground state, and with <c>--samples</c> the
/// disorder averages ln E_J[Z]/n (against the annealed identity ln 2 + β²(n−1)/(4n)) and E_J[ln Z]/n.
/// </summary>
public static class SkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var size = new Option<int>("--n") { Description = "spins (enumeration: n ≤ 30)", DefaultValueFactory = _ => 16 };
        var betas = new Option<string>("--beta") { Description = "inverse temperatures: a list or start:stop:step", DefaultValueFactory = _ => "0.5,1,1.5,2" };
        var seed = new Option<int>("--seed") { Description = "seed of the couplings (the first of the disorder samples)", DefaultValueFactory = _ => 1 };
        var samples = new Option<int>("--samples") { Description = "disorder samples to average over (1 = just the one instance)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write ln Z/n against β as a PNG" };
        var command = new Command("sk", "Sherrington–Kirkpatrick spin glass by exact enumeration, with disorder averages") { size, betas, seed, samples, threads, plot };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(size), seedValue = parse.GetValue(seed), sampleCount = parse.GetValue(samples), threadCount = parse.GetValue(threads);
            CheckSize("--n", n, ExactEnumeration.MaxSpins, "enumeration of 2^n states");
            var list = IsingCli.Betas("--beta", parse.GetValue(betas)!);
            IsingCli.CheckRange("--samples", sampleCount, 1, 10_000_000);
            IsingCli.CheckRange("--threads", threadCount, 0, 1024);
            var model = IsingModel.SherringtonKirkpatrick(n, seedValue);
            Thermodynamics[] exact = [];
            (double Energy, long State) ground = default;
            DisorderAverage[] averages = [];
            WithProgress("sk", sampleCount > 1 ? sampleCount + 1 : 1, step =>
            {
                exact = ExactEnumeration.Solve(model, list, threadCount);
                ground = ExactEnumeration.GroundState(model, threadCount);
                step(1);
                if (sampleCount > 1) averages = SkDisorderAverage.Run(n, list, sampleCount, seedValue, threadCount, f => step(f * sampleCount));
            });
            var output = console.Out;
            output.WriteLine(Invariant($"{model.Name}: J_ij ~ N(0, 1/n), E = −Σ_{{i<j}} J_ij s_i s_j; ground state E0/n = {ground.Energy / n:0.000000} (seed {seedValue})"));
            output.WriteLine($"{"beta",-8}{"lnZ/n",-13}{"f",-13}{"E/n",-13}{"C/n",-12}");
            for (var b = 0; b < list.Length; b++)
                output.WriteLine(Invariant($"{list[b],-8:0.####}{exact[b].LogPartition / n,-13:0.00000000}{exact[b].FreeEnergyPerSpin(n),-13:0.00000000}{exact[b].MeanEnergy / n,-13:0.00000000}{exact[b].SpecificHeat / n,-12:0.000000}"));
            if (sampleCount > 1)
            {
                output.WriteLine($"disorder average over {sampleCount} samples (seeds {seedValue}..{seedValue + sampleCount - 1}); E_J[Z] is the mean of Z, not of ln Z");
                output.WriteLine($"{"beta",-8}{"lnE[Z]/n",-13}{"±",-11}{"identity",-13}{"(x-id)/σ",-10}{"E[lnZ]/n",-13}{"±",-11}{"σ exact",-11}(x-id)/σ exact");
                foreach (var a in averages)
                    output.WriteLine(Invariant($"{a.Beta,-8:0.####}{a.AnnealedPerSpin,-13:0.0000000}{a.AnnealedError,-11:0.0000000}{a.AnnealedExact,-13:0.0000000}{(a.AnnealedPerSpin - a.AnnealedExact) / a.AnnealedError,-10:+0.00;-0.00}{a.QuenchedPerSpin,-13:0.0000000}{a.QuenchedError,-11:0.0000000}{a.AnnealedTrueError,-11:0.###E+0}{(a.AnnealedPerSpin - a.AnnealedExact) / a.AnnealedTrueError:+0.00;-0.00}"));
                output.WriteLine("σ exact: the standard error from the exact Var_J Z (SkDisorderAverage.RelativeVariance); the sample's own ± understates it where Z is heavy-tailed");
            }
            if (parse.GetValue(plot) is { } png)
            {
                var series = new List<(string, double[], double[])> { ($"ln Z/n ({model.Name})", list, exact.Select(t => t.LogPartition / n).ToArray()) };
                if (sampleCount > 1)
                {
                    series.Add(($"ln E_J[Z]/n ({sampleCount} samples)", list, averages.Select(a => a.AnnealedPerSpin).ToArray()));
                    series.Add(("ln 2 + β²(n−1)/(4n)", list, averages.Select(a => a.AnnealedExact).ToArray()));
                    series.Add(("E_J[ln Z]/n", list, averages.Select(a => a.QuenchedPerSpin).ToArray()));
                }
                SaveLinePlot(console, png.FullName, $"SK n={n}", "β", "per spin", series);
            }
            return 0;
        }));
        return command;
    }
}
