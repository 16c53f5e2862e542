using System.Globalization;
using Qec.Core.Generators;

namespace Qec.Cli.Compare;

/// <summary>
/// The compact grammar of <c>--gen</c>: a product of generated models.
/// <code>
/// SPECS  := SPEC (';' SPEC)*
/// SPEC   := FAMILY ':' NOISE (':' FIELD)*
/// FAMILY := surface | unrotated-surface | repetition
/// NOISE  := code-capacity | depolarizing | phenomenological
/// FIELD  := 'd=' LIST          code distances (required)
///         | 'p=' LIST          physical error probabilities (required)
///         | 'r=' ROUNDS        rounds: 'd' (default for phenomenological) or a LIST (default 1 otherwise)
///         | 'basis=' BASES     memory bases: z (default), x or z,x (the surface codes; repetition: z only)
/// LIST   := ITEM (',' ITEM)*
/// ITEM   := NUMBER
///         | NUMBER '..' NUMBER '/' COUNT        COUNT evenly spaced values, both ends included
///         | NUMBER '..' NUMBER '/' COUNT 'log'  COUNT log-spaced values, both ends included
/// </code>
/// Example: <c>surface:phenomenological:d=3,5,7:p=0.01..0.05/9:r=d</c> (27 models, d-major order;
/// several bases come basis-major: all of z, then all of x).
/// Spaced values are rounded to 12 significant digits (0.03, not 0.030000000000000002).
/// Metadata of each model: family, noise, d, p, rounds, and basis "x" for an X-basis memory (a Z-basis
/// one writes no basis key, so its tasks keep the strong ids they had before bases existed).
/// </summary>
public static class GenSpec
{
    /// <summary>Family names of the grammar.</summary>
    public static readonly (string Name, CodeFamily Family)[] Families =
    [
        ("surface", CodeFamily.RotatedSurface),
        ("unrotated-surface", CodeFamily.UnrotatedSurface),
        ("repetition", CodeFamily.Repetition),
    ];

    /// <summary>Memory basis names of the grammar (the same as <c>qecd gen --basis</c>).</summary>
    public static readonly (string Name, MemoryBasis Basis)[] Bases =
    [
        ("z", MemoryBasis.Z),
        ("x", MemoryBasis.X),
    ];

    /// <summary>Noise names of the grammar (the same as <c>qecd gen --noise</c>).</summary>
    public static readonly (string Name, NoiseModel Noise)[] Noises =
    [
        ("code-capacity", NoiseModel.CodeCapacity),
        ("depolarizing", NoiseModel.CodeCapacityDepolarizing),
        ("phenomenological", NoiseModel.Phenomenological),
    ];

    /// <summary>Parses the specs and generates every model; errors name the spec and the bad part.</summary>
    public static List<CodeCase> Generate(string specs)
    {
        var cases = new List<CodeCase>();
        foreach (string spec in specs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            cases.AddRange(GenerateOne(spec));
        }
        if (cases.Count == 0)
        {
            throw new ArgumentException($"--gen '{specs}': no models (expected e.g. surface:phenomenological:d=3,5:p=0.01,0.02)");
        }
        return cases;
    }

    private static List<CodeCase> GenerateOne(string spec)
    {
        string[] parts = spec.Split(':', StringSplitOptions.TrimEntries);
        Exception Bad(string problem) => new ArgumentException($"--gen '{spec}': {problem}");
        if (parts.Length < 2)
        {
            throw Bad("expected FAMILY:NOISE:d=LIST:p=LIST[:r=d|LIST][:basis=z|x|z,x]");
        }
        int family = Array.FindIndex(Families, f => f.Name == parts[0]);
        if (family < 0)
        {
            throw Bad($"unknown family '{parts[0]}' (known: {string.Join(", ", Families.Select(f => f.Name))})");
        }
        int noise = Array.FindIndex(Noises, n => n.Name == parts[1]);
        if (noise < 0)
        {
            throw Bad($"unknown noise '{parts[1]}' (known: {string.Join(", ", Noises.Select(n => n.Name))})");
        }
        List<double>? distances = null, probabilities = null, rounds = null;
        List<MemoryBasis> bases = [MemoryBasis.Z];
        bool roundsEqualDistance = Noises[noise].Noise == NoiseModel.Phenomenological;
        foreach (string field in parts.Skip(2))
        {
            int eq = field.IndexOf('=');
            string key = eq > 0 ? field[..eq].Trim() : field;
            string value = eq > 0 ? field[(eq + 1)..].Trim() : "";
            switch (key)
            {
                case "d" when eq > 0:
                    distances = ParseList(value, integer: true, field, Bad);
                    break;
                case "p" when eq > 0:
                    probabilities = ParseList(value, integer: false, field, Bad);
                    break;
                case "r" when eq > 0:
                    roundsEqualDistance = value == "d";
                    rounds = roundsEqualDistance ? null : ParseList(value, integer: true, field, Bad);
                    break;
                case "basis" when eq > 0:
                    bases = ParseBases(value, field, Bad);
                    break;
                default:
                    throw Bad($"unknown field '{field}' (expected d=LIST, p=LIST, r=d|LIST or basis=z|x|z,x)");
            }
        }
        if (distances is null)
        {
            throw Bad("missing d=LIST");
        }
        if (probabilities is null)
        {
            throw Bad("missing p=LIST");
        }
        var cases = new List<CodeCase>();
        foreach (var basis in bases)
        {
            foreach (double d in distances)
            {
                List<double> roundList = roundsEqualDistance ? [d] : rounds ?? [1];
                foreach (double r in roundList)
                {
                    foreach (double p in probabilities)
                    {
                        cases.Add(Build(spec, family, noise, basis, (int)d, (int)r, p));
                    }
                }
            }
        }
        return cases;
    }

    private static CodeCase Build(string spec, int family, int noise, MemoryBasis basis, int d, int rounds, double p)
    {
        try
        {
            var model = CodeGenerators.Generate(Families[family].Family, d, rounds, Noises[noise].Noise, p, basis);
            var metadata = TaskMetadata.Empty
                .With("family", Families[family].Name)
                .With("noise", Noises[noise].Name)
                .With("d", d)
                .With("rounds", rounds)
                .With("p", p);
            return new CodeCase(model, basis == MemoryBasis.Z ? metadata : metadata.With("basis", BasisName(basis)));
        }
        catch (ArgumentException e)
        {
            string message = e.Message;
            int paramNote = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new ArgumentException($"--gen '{spec}': d={d} r={rounds} p={TaskMetadata.FormatReal(p)}: {(paramNote > 0 ? message[..paramNote] : message)}");
        }
    }

    /// <summary>The grammar's name of a basis ("z" or "x").</summary>
    public static string BasisName(MemoryBasis basis) => Bases.First(b => b.Basis == basis).Name;

    private static List<MemoryBasis> ParseBases(string text, string field, Func<string, Exception> bad)
    {
        var bases = new List<MemoryBasis>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int known = Array.FindIndex(Bases, b => b.Name == item);
            if (known < 0)
            {
                throw bad($"'{item}' in '{field}' is not a basis (known: {string.Join(", ", Bases.Select(b => b.Name))})");
            }
            if (!bases.Contains(Bases[known].Basis))
            {
                bases.Add(Bases[known].Basis);
            }
        }
        return bases;
    }

    private static List<double> ParseList(string text, bool integer, string field, Func<string, Exception> bad)
    {
        var values = new List<double>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0)
            {
                values.Add(Number(item, item, integer, field, bad));
                continue;
            }
            int slash = item.IndexOf('/', dots);
            if (slash < 0)
            {
                throw bad($"range '{item}' in '{field}' needs a count: LO..HI/COUNT or LO..HI/COUNTlog");
            }
            double lo = Number(item[..dots], item, integer, field, bad);
            double hi = Number(item[(dots + 2)..slash], item, integer, field, bad);
            string countText = item[(slash + 1)..];
            bool log = countText.EndsWith("log", StringComparison.Ordinal);
            if (log)
            {
                countText = countText[..^3];
            }
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 2)
            {
                throw bad($"range '{item}' in '{field}': count '{countText}' must be an integer of at least 2");
            }
            if (log && !(lo > 0 && hi > 0))
            {
                throw bad($"range '{item}' in '{field}': a log range needs positive ends");
            }
            for (int i = 0; i < count; i++)
            {
                double t = (double)i / (count - 1);
                double v = log ? lo * Math.Pow(hi / lo, t) : lo + (hi - lo) * t;
                v = double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (integer && v != Math.Round(v))
                {
                    throw bad($"range '{item}' in '{field}' gives {v}, not an integer");
                }
                values.Add(v);
            }
        }
        return values;
    }

    private static double Number(string text, string item, bool integer, string field, Func<string, Exception> bad)
    {
        if (integer)
        {
            return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw bad($"'{item}' in '{field}' is not a non-negative integer");
        }
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw bad($"'{item}' in '{field}' is not a number");
    }
}
