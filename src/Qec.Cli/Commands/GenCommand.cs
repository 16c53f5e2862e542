using System.CommandLine;
using Qec.Cli.Compare;
using Qec.Core.Generators;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd gen surface|repetition --distance D --rounds R --noise … --p P --out F.dem</c>:
/// graph-like detector error models without a circuit simulator.
/// </summary>
public static class GenCommand
{
    /// <summary>Builds the <c>gen</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var gen = new Command("gen", "generate a graph-like detector error model for a standard code");
        foreach (var (name, family) in GenSpec.Families)
        {
            gen.Subcommands.Add(Family(console, name, family == CodeFamily.RotatedSurface ? "rotated surface code, Z memory" : "repetition code memory", family));
        }
        return gen;
    }

    private static Command Family(CliConsole console, string name, string description, CodeFamily family)
    {
        var distance = new Option<int>("--distance", "-d") { Description = "code distance", Required = true };
        var rounds = new Option<int>("--rounds", "-r") { Description = "rounds of stabilizer measurement (1 for code capacity)", DefaultValueFactory = _ => 1 };
        var noise = new Option<string>("--noise") { Description = "noise model", DefaultValueFactory = _ => "code-capacity" };
        noise.AcceptOnlyFromAmong(GenSpec.Noises.Select(n => n.Name).ToArray());
        var p = new Option<double>("--p") { Description = "physical error probability", Required = true };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "output .dem file (standard output when absent)" };
        var command = new Command(name, description) { distance, rounds, noise, p, output };
        command.SetAction(parse => console.Guard(() =>
        {
            var model = CodeGenerators.Generate(family, parse.GetValue(distance), parse.GetValue(rounds),
                GenSpec.Noises.First(n => n.Name == parse.GetValue(noise)).Noise, parse.GetValue(p));
            if (parse.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName) { NewLine = "\n" };
                model.WriteTo(writer);
            }
            else
            {
                model.WriteTo(console.Out);
            }
            return 0;
        }));
        return command;
    }
}
