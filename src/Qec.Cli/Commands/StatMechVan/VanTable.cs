using Qec.StatMech.Models;
using Qec.StatMech.Variational;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechVan;

/// <summary>The table and the plot of <c>qecd statmech van</c>.</summary>
internal static class VanTable
{
    /// <summary>One row per β: VAN F/n ± standard error, E/n, S/n, exact F/n, nMF, TAP, Bethe and VAN's relative error, then
    /// the reweighted estimate (importance sampling with q as the proposal), its relative error and effective sample fraction.</summary>
    public static void Write(TextWriter output, IsingModel model, VanOptions options, string network, string exactNote, VanRow[] rows)
    {
        output.WriteLine(Invariant($"VAN ({network}) on {model.Name}: {options.Epochs} steps × batch {options.Batch}, Adam lr {options.LearningRate} → {options.FinalLearningRate}, β_t = β(1 − {options.AnnealRate:0.#####}^t), clip {options.ClipNorm}, Z2 {options.Symmetry}, seed {options.Seed}"));
        output.WriteLine(Invariant($"F/n = mean(ln q + βE)/(βn) over {options.EvaluationSamples} fresh samples; reweighted = −ln mean(p̃/q)/(βn) on the same samples; {exactNote}"));
        output.WriteLine($"{"beta",-7}{"VAN F/n",-13}{"stderr",-10}{"E/n",-11}{"S/n",-10}{"exact",-13}{"nMF",-13}{"TAP",-13}{"Bethe",-13}{"VAN rel. err",-14}{"reweighted",-13}{"stderr",-10}{"rel. err",-10}ESS/M");
        foreach (var row in rows)
        {
            var van = row.Van;
            var exact = row.Exact is { } f ? Invariant($"{f,-13:0.000000}") : $"{"-",-13}";
            var error = row.Exact is { } e ? Invariant($"{(van.FreeEnergyPerSpin - e) / Math.Abs(e):0.0e0}") : "-";
            var reweightedError = row.Exact is { } r ? Invariant($"{(van.ReweightedFreeEnergyPerSpin - r) / Math.Abs(r):0.0e0}") : "-";
            output.WriteLine(Invariant($"{van.Beta,-7:0.###}{van.FreeEnergyPerSpin,-13:0.000000}{van.StandardError,-10:0.0e0}{van.EnergyPerSpin,-11:0.00000}{van.EntropyPerSpin,-10:0.00000}") +
                             exact + Invariant($"{Cell(row.Naive),-13}{Cell(row.Tap),-13}{Cell(row.Bethe),-13}{error,-14}") +
                             Invariant($"{van.ReweightedFreeEnergyPerSpin,-13:0.000000}{van.ReweightedStandardError,-10:0.0e0}{reweightedError,-10}{van.EffectiveSampleFraction:0.000}"));
        }
    }

    /// <summary>F/n against β: VAN (F_q and reweighted), exact and the mean-field curves as lines.</summary>
    public static void Plot(CliConsole console, string path, IsingModel model, VanRow[] rows)
    {
        var betas = rows.Select(r => r.Van.Beta).ToArray();
        var series = new List<(string, double[], double[])>
        {
            ("VAN", betas, rows.Select(r => r.Van.FreeEnergyPerSpin).ToArray()),
            ("VAN reweighted", betas, rows.Select(r => r.Van.ReweightedFreeEnergyPerSpin).ToArray()),
        };
        if (rows.All(r => r.Exact is not null)) series.Add(("exact", betas, rows.Select(r => r.Exact!.Value).ToArray()));
        series.Add(("naive MF", betas, rows.Select(r => r.Naive.FreeEnergyPerSpin).ToArray()));
        series.Add(("TAP", betas, rows.Select(r => r.Tap.FreeEnergyPerSpin).ToArray()));
        series.Add(("Bethe (BP)", betas, rows.Select(r => r.Bethe.FreeEnergyPerSpin).ToArray()));
        SaveLinePlot(console, path, $"free energy per spin, {model.Name}", "β", "F/n", series);
    }

    /// <summary>A mean-field F/n, starred when its fixed-point iteration did not converge.</summary>
    private static string Cell(Qec.StatMech.MeanField.MeanFieldResult result) =>
        Invariant($"{result.FreeEnergyPerSpin:0.000000}{(result.Converged ? "" : "*")}");
}
