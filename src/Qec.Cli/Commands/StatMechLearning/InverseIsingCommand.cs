using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.InverseIsing;
using Qec.StatMech.Models;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechLearning;

/// <summary>
/// <c>qecd statmech inverse-ising --n 20 --betas 0.1,0.5,1,1.5,2 [--seed S] [--samples M] [--threads T] [--plot FILE]</c>:
/// reconstructs the couplings of an SK model from its exact moments (enumeration) by nMF, independent pairs,
/// Sessak–Monasson, TAP, pseudo-likelihood and exact moment matching (L-BFGS by default, --mm-method), and prints the RMS error of each (the VAN paper's
/// table, Wu, Wang &amp; Zhang 2019). Pseudo-likelihood sees the exact distribution, or M exact draws with --samples.
/// </summary>
public static class InverseIsingCommand
{
    /// <summary>Exact moments and pseudo-likelihood on the full distribution are kept to n ≤ 20 (2^20 states).</summary>
    internal const int MaxSize = 20;

    private static readonly string[] Methods = ["nMF", "IP", "SM", "TAP", "PL", "MM"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var size = new Option<int>("--n") { Description = "spins of the SK model (exact enumeration: n ≤ 20)", DefaultValueFactory = _ => 20 };
        var betas = new Option<string>("--betas") { Description = "inverse temperatures: a list or start:stop:step", DefaultValueFactory = _ => "0.1,0.5,1,1.5,2" };
        var seed = new Option<int>("--seed") { Description = "seed of the SK couplings", DefaultValueFactory = _ => 1 };
        var samples = new Option<int>("--samples") { Description = "pseudo-likelihood on this many exact draws (0 = the exact distribution)", DefaultValueFactory = _ => 0 };
        var iterations = new Option<int>("--mm-iterations") { Description = "most moment-matching steps (L-BFGS: iterations)", DefaultValueFactory = _ => 500 };
        var method = new Option<MomentStep>("--mm-method")
        {
            Description = "moment-matching steps: Lbfgs (quasi-Newton on the exact likelihood), NaiveMeanField (nMF-preconditioned) or Gradient",
            DefaultValueFactory = _ => MomentStep.Lbfgs,
        };
        var threads = new Option<int>("--threads") { Description = "enumeration threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write RMS error against β as a PNG" };
        var command = new Command("inverse-ising", "reconstruct SK couplings from exact statistics: RMS error of nMF, IP, SM, TAP, PL and moment matching")
        {
            size, betas, seed, samples, iterations, method, threads, plot,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(size), seedValue = parse.GetValue(seed), draws = parse.GetValue(samples), thread = parse.GetValue(threads);
            CheckSize("--n", n, MaxSize, "exact enumeration of 2^n states");
            var list = ParseList("--betas", parse.GetValue(betas)!);
            CheckBetas(list);
            if (draws < 0) throw new ArgumentException($"--samples {draws}: expected ≥ 0");
            var sk = IsingModel.SherringtonKirkpatrick(n, seedValue);
            var truth = sk.CouplingMatrix();
            var errors = new double[list.Length, Methods.Length];
            var notes = new string[list.Length];
            WithProgress("inverse ising", list.Length, step =>
            {
                for (var b = 0; b < list.Length; b++)
                {
                    var beta = list[b];
                    var data = SpinStatistics.FromMoments(ExactEnumeration.Moments(sk, beta, thread));
                    var pseudo = draws > 0 ? SpinSamples.DrawExact(sk, beta, draws, seedValue + b) : SpinSamples.ExactDistribution(sk, beta);
                    var fit = MomentMatching.Fit(data, beta, new MomentMatchingOptions(MaxIterations: parse.GetValue(iterations), Method: parse.GetValue(method), Tolerance: 1e-8, Threads: thread));
                    double[][,] estimates =
                    [
                        ClosedFormInversion.NaiveMeanField(data, beta), ClosedFormInversion.IndependentPairs(data, beta),
                        ClosedFormInversion.SessakMonasson(data, beta), ClosedFormInversion.Tap(data, beta),
                        PseudoLikelihood.Fit(pseudo, beta, l2: draws > 0 ? 1e-4 : 0).Couplings, fit.Couplings,
                    ];
                    for (var m = 0; m < Methods.Length; m++) errors[b, m] = ReconstructionError.Rms(truth, estimates[m]);
                    notes[b] = Invariant($"MM {fit.Iterations} iterations, moment mismatch {fit.Residual:0.0E+00}");
                    step(1);
                }
            });
            var output = console.Out;
            output.WriteLine($"inverse Ising: {sk.Name}, exact moments by enumeration; PL on {(draws > 0 ? $"{draws} exact draws" : "the exact distribution")}; MM = moment matching with exact statistics");
            output.WriteLine($"RMS(J_true − J) over the {n * (n - 1) / 2} pairs; estimates of βJ divided by β");
            output.WriteLine($"{"beta",-7}" + string.Concat(Methods.Select(m => $"{m,-12}")) + "notes");
            for (var b = 0; b < list.Length; b++)
            {
                var row = Invariant($"{list[b],-7:0.###}");
                for (var m = 0; m < Methods.Length; m++) row += Invariant($"{errors[b, m],-12:0.000E+00}");
                output.WriteLine(row + notes[b]);
            }
            if (parse.GetValue(plot) is { } file)
            {
                var series = Methods.Select((name, m) => (name, list, Enumerable.Range(0, list.Length).Select(b => errors[b, m]).ToArray())).ToList();
                SaveLinePlot(console, file.FullName, $"inverse Ising, {sk.Name}", "β", "RMS error", series, logY: true);
            }
            return 0;
        }));
        return command;
    }
}
