using System.CommandLine;
using Qec.StatMech.Annealing;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechIsing;

/// <summary>
/// <c>qecd statmech anneal --model sk|maxcut|file [--n N --degree C --file F] --method sa|pt [--sweeps S --restarts R
/// --replicas R --beta-min B --beta-max B --schedule linear|geometric --seed S --threads T --plot FILE]</c>: a ground
/// state by simulated annealing or parallel tempering; models of ≤ 30 spins are checked against enumeration's minimum.
/// </summary>
public static class AnnealCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var modelName = new Option<string>("--model") { Description = "sk | maxcut (Erdős–Rényi graph) | file", DefaultValueFactory = _ => "sk" };
        var size = new Option<int>("--n") { Description = "spins (sk, maxcut)", DefaultValueFactory = _ => 20 };
        var degree = new Option<double>("--degree") { Description = "mean degree of the max-cut graph", DefaultValueFactory = _ => 4 };
        var file = new Option<FileInfo?>("--file") { Description = "coupling file for --model file" };
        var method = new Option<string>("--method") { Description = "sa (simulated annealing) | pt (parallel tempering)", DefaultValueFactory = _ => "sa" };
        var sweeps = new Option<int>("--sweeps") { Description = "sweeps per restart (sa) or rounds (pt)", DefaultValueFactory = _ => 1000 };
        var restarts = new Option<int>("--restarts") { Description = "independent annealing runs (sa)", DefaultValueFactory = _ => 8 };
        var replicas = new Option<int>("--replicas") { Description = "replicas on the β ladder (pt)", DefaultValueFactory = _ => 24 };
        var betaMin = new Option<double>("--beta-min") { Description = "first β (sa) or smallest β of the ladder (pt)", DefaultValueFactory = _ => 0.2 };
        var betaMax = new Option<double>("--beta-max") { Description = "final β (sa) or largest β of the ladder (pt)", DefaultValueFactory = _ => 3 };
        var schedule = new Option<string>("--schedule") { Description = "linear | geometric in β (sa)", DefaultValueFactory = _ => "geometric" };
        var seed = new Option<ulong>("--seed") { Description = "seed of the search (and of sk/maxcut instances)", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0 = every core)", DefaultValueFactory = _ => 0 };
        var plot = new Option<FileInfo?>("--plot") { Description = "write the exchange acceptance along the ladder (pt) or β(t) (sa) as a PNG" };
        var command = new Command("anneal", "Ising ground states by simulated annealing or parallel tempering (SK, max-cut, a coupling file)")
        {
            modelName, size, degree, file, method, sweeps, restarts, replicas, betaMin, betaMax, schedule, seed, threads, plot,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            int n = parse.GetValue(size), threadCount = parse.GetValue(threads);
            var seedValue = parse.GetValue(seed);
            IsingCli.CheckRange("--threads", threadCount, 0, 1024);
            IsingCli.CheckRange("--sweeps", parse.GetValue(sweeps), 1, int.MaxValue);
            var instanceSeed = (int)(seedValue % int.MaxValue);
            var model = parse.GetValue(modelName) switch
            {
                "sk" => Checked(n, () => IsingModel.SherringtonKirkpatrick(n, instanceSeed)),
                "maxcut" => Checked(n, () => MaxCut.RandomGraph(n, CheckDegree(parse.GetValue(degree), n), instanceSeed)),
                "file" => IsingCli.LoadCouplings(parse.GetValue(file) ?? throw new ArgumentException("--model file needs --file FILE")),
                var other => throw new ArgumentException($"--model '{other}': expected sk, maxcut or file"),
            };
            double low = parse.GetValue(betaMin), high = parse.GetValue(betaMax);
            if (!(low > 0) || !double.IsFinite(low)) throw new ArgumentException(Invariant($"--beta-min {low}: β must be > 0 and finite"));
            if (!(high > low) || !double.IsFinite(high)) throw new ArgumentException(Invariant($"--beta-max {high}: must be finite and > --beta-min {low}"));
            var methodName = parse.GetValue(method);
            GroundStateResult result = null!;
            string settings;
            double[] plotX, plotY;
            string plotLabel, xLabel;
            if (methodName == "sa")
            {
                var scheduleValue = parse.GetValue(schedule) switch
                {
                    "linear" => AnnealSchedule.Linear,
                    "geometric" => AnnealSchedule.Geometric,
                    var other => throw new ArgumentException($"--schedule '{other}': expected linear or geometric"),
                };
                IsingCli.CheckRange("--restarts", parse.GetValue(restarts), 1, 1_000_000);
                var options = new AnnealOptions(low, high, parse.GetValue(sweeps), scheduleValue, parse.GetValue(restarts), seedValue, threadCount);
                WithProgress("annealing", 1, step => result = SimulatedAnnealing.Run(model, options, step));
                settings = Invariant($"simulated annealing: {options.Restarts} restarts × {options.Sweeps} sweeps, β {low} → {high} {scheduleValue.ToString().ToLowerInvariant()}");
                plotX = Enumerable.Range(0, options.Sweeps).Select(t => (double)t).ToArray();
                plotY = plotX.Select(t => options.BetaAt((int)t)).ToArray();
                (plotLabel, xLabel) = ("β(t)", "sweep");
            }
            else if (methodName == "pt")
            {
                IsingCli.CheckRange("--replicas", parse.GetValue(replicas), 2, 10_000);
                var options = new TemperingOptions(low, high, parse.GetValue(replicas), parse.GetValue(sweeps), seedValue, threadCount);
                WithProgress("tempering", 1, step => result = ParallelTempering.Run(model, options, step));
                settings = Invariant($"parallel tempering: {options.Replicas} replicas, β {low}..{high} geometric, {result.Sweeps} rounds");
                plotX = Enumerable.Range(0, options.Replicas - 1).Select(k => Math.Sqrt(options.BetaAt(k) * options.BetaAt(k + 1))).ToArray();
                plotY = result.SwapAcceptance;
                (plotLabel, xLabel) = ("exchange acceptance β_k ↔ β_k+1", "β");
            }
            else throw new ArgumentException($"--method '{methodName}': expected sa or pt");
            var output = console.Out;
            output.WriteLine($"{model.Name}: {settings}; seed {seedValue}");
            output.WriteLine(Invariant($"best energy E = {result.Energy:0.000000000}  E/n = {result.Energy / model.Size:0.000000000}  ({result.Seconds:0.00} s)"));
            if (parse.GetValue(modelName) == "maxcut") output.WriteLine(Invariant($"cut = {MaxCut.CutValue(model, result.Energy):0.###} of {model.Couplings.Length} edges"));
            if (result.SwapAcceptance.Length > 0)
                output.WriteLine("exchange acceptance: " + string.Join(' ', result.SwapAcceptance.Select(a => Invariant($"{a:0.00}"))));
            if (model.Size <= ExactEnumeration.MaxSpins && model.Size <= 26)
            {
                var (exact, _) = ExactEnumeration.GroundState(model, threadCount);
                output.WriteLine(Invariant($"enumeration: E0 = {exact:0.000000000}  {(Math.Abs(exact - result.Energy) < 1e-9 ? "found" : $"MISSED by {result.Energy - exact:0.######}")}"));
            }
            if (parse.GetValue(plot) is { } png)
                SaveLinePlot(console, png.FullName, $"{model.Name}, {methodName}", xLabel, plotLabel, [(plotLabel, plotX, plotY)]);
            return 0;
        }));
        return command;
    }

    private static IsingModel Checked(int n, Func<IsingModel> build)
    {
        IsingCli.CheckRange("--n", n, 2, 100_000);
        return build();
    }

    private static double CheckDegree(double degree, int n) =>
        degree > 0 && degree <= n - 1 ? degree : throw new ArgumentException(Invariant($"--degree {degree}: expected 0 < degree ≤ n − 1 = {n - 1}"));
}
