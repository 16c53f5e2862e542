using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.Renormalization;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechIsing;

/// <summary>
/// <c>qecd statmech trg --beta LIST --chi X [--steps K --plot FILE]</c>: ln Z/N and the free energy per site of the 2D
/// Ising ferromagnet in the thermodynamic limit by Levin–Nave tensor renormalization with bond dimension χ.
/// </summary>
public static class TrgCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var betas = new Option<string>("--beta") { Description = "inverse temperatures: a list or start:stop:step", DefaultValueFactory = _ => "0.3,0.4,0.44,0.5,0.6" };
        var chi = new Option<int>("--chi") { Description = "bond dimension χ kept at each step (2..64)", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "RG steps (2^steps sites)", DefaultValueFactory = _ => 20 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write ln Z/N against β as a PNG" };
        var command = new Command("trg", "2D Ising free energy by the tensor renormalization group (Levin & Nave 2007)") { betas, chi, steps, plot };
        command.SetAction(parse => console.Guard(() =>
        {
            var list = IsingCli.Betas("--beta", parse.GetValue(betas)!);
            int chiValue = parse.GetValue(chi), stepCount = parse.GetValue(steps);
            IsingCli.CheckRange("--chi", chiValue, 2, 64, "a step costs ~χ^6");
            IsingCli.CheckRange("--steps", stepCount, 1, 60);
            var values = new double[list.Length];
            WithProgress("trg", list.Length, step =>
            {
                for (var b = 0; b < list.Length; b++)
                {
                    values[b] = TensorRenormalization.LogPartitionPerSite(list[b], chiValue, stepCount);
                    step(1);
                }
            });
            var output = console.Out;
            output.WriteLine($"TRG, square-lattice Ising J = 1: χ = {chiValue}, {stepCount} steps (2^{stepCount} sites, then a 1-site trace)");
            output.WriteLine($"{"beta",-8}{"lnZ/N",-18}{"f",-18}{"Onsager lnZ/N",-18}TRG − Onsager");
            for (var b = 0; b < list.Length; b++)
            {
                var exact = Onsager.LogPartitionPerSite(list[b]);
                output.WriteLine(Invariant($"{list[b],-8:0.####}{values[b],-18:0.000000000000}{-values[b] / list[b],-18:0.000000000000}{exact,-18:0.000000000000}{values[b] - exact:+0.0e0;-0.0e0}"));
            }
            if (parse.GetValue(plot) is { } png)
                SaveLinePlot(console, png.FullName, $"TRG χ={chiValue}", "β", "ln Z / N",
                    [($"TRG χ={chiValue}", list, values), ("Onsager", list, list.Select(Onsager.LogPartitionPerSite).ToArray())]);
            return 0;
        }));
        return command;
    }
}
