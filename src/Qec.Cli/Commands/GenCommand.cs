using System.CommandLine;
using Qec.Cli.Compare;
using Qec.Core.Codes;
using Qec.Core.Dem;
using Qec.Core.Generators;

namespace Qec.Cli.Commands;

/// <summary>
/// <c>qecd gen surface|unrotated-surface --distance D [--basis z|x]</c>, <c>qecd gen repetition --distance D</c>,
/// <c>qecd gen bb --l L --m M --a A --b B</c> and <c>qecd gen css --hx F --hz F</c>, each with
/// <c>--rounds R --noise … --p P --out F.dem</c>: detector error models of memory experiments without a
/// circuit simulator (graph-like for the surface and repetition codes, hyperedges and k observables for
/// the others, which are Z-basis only).
/// </summary>
public static class GenCommand
{
    /// <summary>Builds the <c>gen</c> command group.</summary>
    public static Command Create(CliConsole console)
    {
        var gen = new Command("gen", "generate a detector error model for a standard code or a CSS code, or a Stim circuit (gen circuit)");
        foreach (var (name, family) in GenSpec.Families)
        {
            gen.Subcommands.Add(Family(console, name, family));
        }
        gen.Subcommands.Add(BivariateBicycle(console));
        gen.Subcommands.Add(Css(console));
        gen.Subcommands.Add(GenCircuitCommand.Create(console));
        return gen;
    }

    private static Command Family(CliConsole console, string name, CodeFamily family)
    {
        var distance = new Option<int>("--distance", "-d") { Description = "code distance", Required = true };
        var basis = new Option<string>("--basis") { Description = "memory basis: z (detectors see X errors) or x (they see Z errors)", DefaultValueFactory = _ => "z" };
        basis.AcceptOnlyFromAmong([.. GenSpec.Bases.Select(b => b.Name)]);
        string description = family switch
        {
            CodeFamily.RotatedSurface => "rotated surface code memory, Z or X basis",
            CodeFamily.UnrotatedSurface => "unrotated (planar) surface code memory, Z or X basis: d² + (d−1)² data qubits",
            _ => "repetition code memory (bit flips, Z basis)",
        };
        var command = new Command(name, description) { distance };
        if (family != CodeFamily.Repetition)
        {
            command.Options.Add(basis);
        }
        var noise = new NoiseOptions();
        noise.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var (model, rounds, p) = noise.Read(parse);
            var memory = family == CodeFamily.Repetition ? MemoryBasis.Z : GenSpec.Bases.First(b => b.Name == parse.GetValue(basis)).Basis;
            noise.Write(parse, console, CodeGenerators.Generate(family, parse.GetValue(distance), rounds, model, p, memory));
            return 0;
        }));
        return command;
    }

    private static Command BivariateBicycle(CliConsole console)
    {
        var l = new Option<int>("--l") { Description = "size l of the x cycle (torus Z_l × Z_m)", Required = true };
        var m = new Option<int>("--m") { Description = "size m of the y cycle", Required = true };
        var a = new Option<string>("--a") { Description = "polynomial A, e.g. x3+y+y2 (also x^3, x2y, 1)", Required = true };
        var b = new Option<string>("--b") { Description = "polynomial B, e.g. y3+x+x2", Required = true };
        var noise = new NoiseOptions();
        var command = new Command("bb", "bivariate bicycle code (Bravyi et al. 2024): H_X = [A|B], H_Z = [Bᵀ|Aᵀ], Z memory") { l, m, a, b };
        noise.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var (model, rounds, p) = noise.Read(parse);
            var code = BivariateBicycleCode.Create(parse.GetValue(l), parse.GetValue(m), parse.GetValue(a)!, parse.GetValue(b)!);
            var dem = CodeGenerators.BivariateBicycle(code, rounds, model, p);
            console.Error.WriteLine(Summary($"bb l={code.L} m={code.M}", code.Code, dem));
            noise.Write(parse, console, dem);
            return 0;
        }));
        return command;
    }

    private static Command Css(CliConsole console)
    {
        var hx = new Option<FileInfo>("--hx") { Description = "H_X: one row per X check (plain 0/1 rows or MacKay alist)", Required = true };
        var hz = new Option<FileInfo>("--hz") { Description = "H_Z: one row per Z check (the detectors)", Required = true };
        var noise = new NoiseOptions();
        var command = new Command("css", "CSS code from parity-check files, Z memory (logicals by GF(2) elimination)") { hx, hz };
        noise.AddTo(command);
        command.SetAction(parse => console.Guard(() =>
        {
            var (model, rounds, p) = noise.Read(parse);
            string hxPath = parse.GetValue(hx)!.FullName, hzPath = parse.GetValue(hz)!.FullName;
            var code = ParityCheckFile.LoadCss(hxPath, hzPath);
            var dem = CodeGenerators.Css(code, rounds, model, p);
            console.Error.WriteLine(Summary($"css {parse.GetValue(hx)!.Name} {parse.GetValue(hz)!.Name}", code, dem));
            noise.Write(parse, console, dem);
            return 0;
        }));
        return command;
    }

    /// <summary>E.g. <c>bb l=12 m=6: [[144,12]] rank(H_X)=66 rank(H_Z)=66, 72 detectors, 144 errors</c>.</summary>
    private static string Summary(string name, CssCode code, DetectorErrorModel dem) =>
        $"{name}: [[{code.NumQubits},{code.NumLogicals}]] rank(H_X)={code.RankHX} rank(H_Z)={code.RankHZ}, {dem.NumDetectors} detectors, {dem.NumErrors} errors";

    /// <summary>The options every <c>gen</c> subcommand shares: rounds, noise, p, output.</summary>
    private sealed class NoiseOptions
    {
        private readonly Option<int> _rounds = new("--rounds", "-r") { Description = "rounds of stabilizer measurement (1 for code capacity)", DefaultValueFactory = _ => 1 };
        private readonly Option<string> _noise = new("--noise") { Description = "noise model", DefaultValueFactory = _ => "code-capacity" };
        private readonly Option<double> _p = new("--p") { Description = "physical error probability", Required = true };
        private readonly Option<FileInfo?> _output = new("--out", "-o") { Description = "output .dem file (standard output when absent)" };

        public NoiseOptions() => _noise.AcceptOnlyFromAmong(GenSpec.Noises.Select(n => n.Name).ToArray());

        public void AddTo(Command command)
        {
            command.Options.Add(_rounds);
            command.Options.Add(_noise);
            command.Options.Add(_p);
            command.Options.Add(_output);
        }

        public (NoiseModel Noise, int Rounds, double P) Read(ParseResult parse) =>
            (GenSpec.Noises.First(n => n.Name == parse.GetValue(_noise)).Noise, parse.GetValue(_rounds), parse.GetValue(_p));

        /// <summary>Writes the model to --out, or to standard output.</summary>
        public void Write(ParseResult parse, CliConsole console, DetectorErrorModel model)
        {
            if (parse.GetValue(_output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName) { NewLine = "\n" };
                model.WriteTo(writer);
            }
            else
            {
                model.WriteTo(console.Out);
            }
        }
    }
}
