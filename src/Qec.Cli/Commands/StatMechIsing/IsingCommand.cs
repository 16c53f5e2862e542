using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using Qec.StatMech.MonteCarlo;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechIsing;

/// <summary>
/// <c>qecd statmech ising [--lattice L --periodic | --couplings FILE] --beta LIST --method enum|metropolis|glauber|wolff
/// [--sweeps S --thermalization T --chains C --seed S --threads T --plot FILE]</c>: energy, specific heat and |M| per
/// spin of an Ising model, exactly by enumeration or by Monte Carlo with autocorrelation-aware errors and τ_int; small
/// models get the exact value in a column beside the Monte Carlo one.
/// </summary>
public static class IsingCommand
{
    /// <summary>Models up to this many spins get an exact column next to Monte Carlo estimates (periodic lattices of any
    /// size get Kaufman's).</summary>
    private const int ExactColumnLimit = 24;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var lattice = new Option<int>("--lattice") { Description = "side L of the square-lattice ferromagnet (J = 1)", DefaultValueFactory = _ => 4 };
        var periodic = new Option<bool>("--periodic") { Description = "periodic boundaries (else open)" };
        var couplings = new Option<FileInfo?>("--couplings") { Description = "a coupling file ('n N', 'i j J', 'h i value' lines) instead of the lattice" };
        var betas = new Option<string>("--beta") { Description = "inverse temperatures: a list or start:stop:step", DefaultValueFactory = _ => "0.25,0.4,0.5,1" };
        var method = new Option<string>("--method") { Description = "enum | metropolis | glauber | wolff", DefaultValueFactory = _ => "enum" };
        var sweeps = new Option<int>("--sweeps") { Description = "measured sweeps per chain (Monte Carlo)", DefaultValueFactory = _ => 20_000 };
        var thermalization = new Option<int>("--thermalization") { Description = "discarded sweeps per chain", DefaultValueFactory = _ => 1_000 };
        var chains = new Option<int>("--chains") { Description = "independent chains", DefaultValueFactory = _ => 4 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the chains", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write E/n and C/n against T as a PNG" };
        var command = new Command("ising", "Ising model thermodynamics: exact enumeration or Metropolis / Glauber / Wolff Monte Carlo")
        {
            lattice, periodic, couplings, betas, method, sweeps, thermalization, chains, seed, threads, plot,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            var list = IsingCli.Betas("--beta", parse.GetValue(betas)!);
            var methodName = parse.GetValue(method)!;
            UpdateMethod? update = methodName switch
            {
                "enum" => null,
                "metropolis" => UpdateMethod.Metropolis,
                "glauber" => UpdateMethod.Glauber,
                "wolff" => UpdateMethod.Wolff,
                _ => throw new ArgumentException($"--method '{methodName}': expected enum, metropolis, glauber or wolff"),
            };
            int length = parse.GetValue(lattice), threadCount = parse.GetValue(threads);
            IsingCli.CheckRange("--threads", threadCount, 0, 1024);
            IsingModel model;
            string sizeOption, sizeValue;
            if (parse.GetValue(couplings) is { } file)
            {
                model = IsingCli.LoadCouplings(file);
                (sizeOption, sizeValue) = ("--couplings", file.Name);
            }
            else
            {
                IsingCli.CheckRange("--lattice", length, 2, 4096);
                model = IsingModel.SquareLattice(length, parse.GetValue(periodic));
                (sizeOption, sizeValue) = ("--lattice", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var n = model.Size;
            var output = console.Out;
            var energy = new double[list.Length];
            var heat = new double[list.Length];
            if (update is null)
            {
                IsingCli.CheckEnumerable(sizeOption, sizeValue, model);
                Thermodynamics[] exact = [];
                WithProgress("enumerating", 1, step =>
                {
                    exact = ExactEnumeration.Solve(model, list, threadCount);
                    step(1);
                });
                var torus = parse.GetValue(couplings) is null && parse.GetValue(periodic);
                output.WriteLine($"exact enumeration of {model.Name} ({n} spins, 2^{n} states){(torus ? "; Kaufman: the finite torus in closed form; Onsager: L = ∞" : "")}");
                output.WriteLine($"{"beta",-8}{"T",-9}{"lnZ/n",-14}{"f",-14}{"E/n",-14}{"C/n",-14}{"S/n",-14}{(torus ? "Kaufman lnZ/n Onsager lnZ/N" : "")}");
                for (var b = 0; b < list.Length; b++)
                {
                    var t = exact[b];
                    energy[b] = t.MeanEnergy / n;
                    heat[b] = t.SpecificHeat / n;
                    var closedForm = torus ? Invariant($"{Kaufman.LogPartition(length, list[b]) / n,-14:0.0000000000}{Onsager.LogPartitionPerSite(list[b]):0.0000000000}") : "";
                    output.WriteLine(Invariant($"{list[b],-8:0.####}{1 / list[b],-9:0.####}{t.LogPartition / n,-14:0.0000000000}{t.FreeEnergyPerSpin(n),-14:0.0000000000}{energy[b],-14:0.0000000000}{heat[b],-14:0.0000000000}{t.Entropy / n,-14:0.0000000000}") + closedForm);
                }
            }
            else
            {
                var options = new MonteCarloOptions(update.Value, parse.GetValue(sweeps), parse.GetValue(thermalization), parse.GetValue(chains),
                    parse.GetValue(seed), threadCount);
                IsingCli.CheckRange("--chains", options.Chains, 1, 100_000);
                IsingCli.CheckRange("--sweeps", options.Sweeps, 2 * options.Bins, int.MaxValue, "two per jackknife bin");
                IsingCli.CheckRange("--thermalization", options.Thermalization, 0, int.MaxValue);
                if (update == UpdateMethod.Wolff) WolffChainCheck(model);
                var fast = update == UpdateMethod.Metropolis && parse.GetValue(couplings) is null && parse.GetValue(periodic) && length >= 3;
                var results = new MonteCarloResult[list.Length];
                WithProgress(methodName, list.Length, step =>
                {
                    for (var b = 0; b < list.Length; b++)
                        results[b] = fast
                            ? MonteCarloSimulation.RunSquareLattice(length, list[b], options, step)
                            : MonteCarloSimulation.Run(model, list[b], options, step);
                });
                var torus = parse.GetValue(couplings) is null && parse.GetValue(periodic);
                var exact = torus ? list.Select(beta => KaufmanThermodynamics(length, beta)).ToArray()
                    : n <= ExactColumnLimit ? ExactEnumeration.Solve(model, list, threadCount).Select(t => (t.MeanEnergy / n, t.SpecificHeat / n)).ToArray()
                    : null;
                output.WriteLine($"{methodName}{(fast ? " (square-lattice table kernel)" : "")} on {model.Name}: {options.Chains} chains × {options.Sweeps} sweeps after {options.Thermalization}, seed {options.Seed}; errors σ√(2τ/S) (E, |M|) and jackknife over {options.Bins} bins per chain (C)");
                output.WriteLine($"{"beta",-8}{"T",-8}{"E/n",-12}{"±",-10}{"C/n",-10}{"±",-10}{"|M|/n",-10}{"tau_E",-9}{"tau_M",-9}{"flips/sweep",-12}{(exact is null ? "" : torus ? "Kaufman E/n  C/n" : "exact E/n  exact C/n")}");
                for (var b = 0; b < list.Length; b++)
                {
                    var r = results[b];
                    energy[b] = r.EnergyPerSpin;
                    heat[b] = r.SpecificHeatPerSpin;
                    var exactText = exact is null ? "" : Invariant($"{exact[b].Item1,-12:0.000000}{exact[b].Item2:0.000000}");
                    output.WriteLine(Invariant($"{list[b],-8:0.####}{1 / list[b],-8:0.###}{r.EnergyPerSpin,-12:0.000000}{r.EnergyError,-10:0.000000}{r.SpecificHeatPerSpin,-10:0.00000}{r.SpecificHeatError,-10:0.00000}{r.AbsMagnetization,-10:0.00000}{r.TauEnergy,-9:0.00}{r.TauMagnetization,-9:0.00}{r.FlipsPerSweep,-12:0.0}") + exactText);
                }
            }
            if (parse.GetValue(plot) is { } png)
            {
                var temperatures = list.Select(b => 1 / b).ToArray();
                SaveLinePlot(console, png.FullName, $"{model.Name}, {methodName}", "T", "per spin",
                    [("E/n", temperatures, energy), ("C/n", temperatures, heat)]);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>E/n = −∂ ln Z/∂β / n and C/n = β² ∂² ln Z/∂β² / n of the L×L torus from Kaufman's closed form by central
    /// differences (step 1e-4: truncation ~1e-8, rounding ~1e-8 per site).</summary>
    private static (double Energy, double Heat) KaufmanThermodynamics(int length, double beta)
    {
        const double h = 1e-4;
        double n = (double)length * length, down = Kaufman.LogPartition(length, beta - h), mid = Kaufman.LogPartition(length, beta),
            up = Kaufman.LogPartition(length, beta + h);
        return (-(up - down) / (2 * h) / n, beta * beta * (up - 2 * mid + down) / (h * h) / n);
    }

    private static void WolffChainCheck(IsingModel model)
    {
        if (model.HasFields) throw new ArgumentException($"--method wolff: Wolff cluster updates need zero fields; {model.Name} has fields");
        foreach (var (i, j, strength) in model.Couplings)
            if (strength < 0)
                throw new ArgumentException(Invariant($"--method wolff: Wolff cluster updates need ferromagnetic couplings (J ≥ 0); {model.Name} has J_{i},{j} = {strength}"));
    }
}
