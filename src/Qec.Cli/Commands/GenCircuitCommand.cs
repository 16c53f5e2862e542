using System.CommandLine;
using Qec.Circuits.Generation;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd gen circuit --code surface_code|repetition_code|color_code --task T --distance D --rounds R
/// [--after-clifford-depolarization P --before-round-data-depolarization P --before-measure-flip-probability P
/// --after-reset-flip-probability P | --noise sd6|si1000 --p P] [--out-circuit X.stim]</c>: Stim memory
/// circuits, the same bytes as <c>stim gen</c> with its four noise flags, or the noiseless circuit with a
/// circuit-level noise model applied moment by moment.
/// </summary>
public static class GenCircuitCommand
{
    /// <summary>The codes and their tasks.</summary>
    private static readonly Dictionary<string, string[]> Codes = new(StringComparer.Ordinal)
    {
        ["surface_code"] = SurfaceCodeCircuit.Tasks,
        ["repetition_code"] = ["memory"],
        ["color_code"] = ["memory_xyz"],
    };

    /// <summary>Builds the <c>gen circuit</c> command.</summary>
    public static Command Create(CliConsole console)
    {
        var code = new Option<string>("--code") { Description = "surface_code, repetition_code or color_code", Required = true };
        code.AcceptOnlyFromAmong([.. Codes.Keys]);
        var task = new Option<string>("--task") { Description = "surface_code: rotated_memory_x|z, unrotated_memory_x|z; repetition_code: memory; color_code: memory_xyz", Required = true };
        var distance = new Option<int>("--distance", "-d") { Description = "code distance (at least 2)", Required = true };
        var rounds = new Option<long>("--rounds", "-r") { Description = "rounds of stabilizer measurement (at least 1)", Required = true };
        var afterClifford = new Option<double>("--after-clifford-depolarization") { Description = "DEPOLARIZE1/2 after each H/CX layer (stim gen)" };
        var beforeRound = new Option<double>("--before-round-data-depolarization") { Description = "DEPOLARIZE1 on data qubits at each round start (stim gen)" };
        var beforeMeasure = new Option<double>("--before-measure-flip-probability") { Description = "X_ERROR/Z_ERROR before measurements (stim gen)" };
        var afterReset = new Option<double>("--after-reset-flip-probability") { Description = "X_ERROR/Z_ERROR after resets (stim gen)" };
        var noise = new Option<string?>("--noise") { Description = "circuit noise model on the noiseless circuit: sd6 or si1000 (Gidney et al. 2021); needs --p" };
        noise.AcceptOnlyFromAmong(CircuitNoiseModel.Names);
        var p = new Option<double?>("--p") { Description = "strength of --noise" };
        var output = new Option<FileInfo?>("--out-circuit", "-o") { Description = "circuit file to write (standard output when absent)" };
        var command = new Command("circuit", "Stim memory circuits as stim gen makes them (same bytes), or with the SD6/SI1000 noise models")
        {
            code, task, distance, rounds, afterClifford, beforeRound, beforeMeasure, afterReset, noise, p, output,
        };
        command.SetAction(parse => console.Guard(() =>
        {
            string codeName = parse.GetValue(code)!, taskName = parse.GetValue(task)!;
            if (Array.IndexOf(Codes[codeName], taskName) < 0)
            {
                throw new ArgumentException($"--task {taskName} is not a {codeName} task: known tasks are {string.Join(", ", Codes[codeName])}");
            }
            var flags = new StimGenNoise(parse.GetValue(afterClifford), parse.GetValue(beforeRound), parse.GetValue(beforeMeasure), parse.GetValue(afterReset));
            var model = parse.GetValue(noise);
            if ((model is null) != (parse.GetValue(p) is null))
            {
                throw new ArgumentException("--noise and --p go together");
            }
            if (model is not null && flags != StimGenNoise.None)
            {
                throw new ArgumentException("give either --noise with --p or the stim gen noise flags, not both");
            }
            var generated = codeName switch
            {
                "repetition_code" => RepetitionCodeCircuit.Generate(parse.GetValue(distance), parse.GetValue(rounds), flags),
                "color_code" => ColorCodeCircuit.Generate(parse.GetValue(distance), parse.GetValue(rounds), flags),
                _ => SurfaceCodeCircuit.Generate(taskName, parse.GetValue(distance), parse.GetValue(rounds), flags),
            };
            if (model is not null)
            {
                double strength = parse.GetValue(p)!.Value;
                generated = generated.WithNoise(CircuitNoiseModel.Create(model, strength), strength);
            }
            string text = generated.ToStimText();
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, text);
                console.Error.WriteLine($"wrote {file.FullName}");
            }
            else
            {
                console.Out.Write(text);
            }
            return 0;
        }));
        return command;
    }
}
