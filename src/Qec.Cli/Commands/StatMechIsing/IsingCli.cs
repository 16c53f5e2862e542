using System.CommandLine;
using Qec.StatMech.Exact;
using Qec.StatMech.Models;
using static Qec.Cli.Commands.StatMechLearning.LearningCli;

namespace Qec.Cli.Commands.StatMechIsing;

/// <summary>
/// The Ising and spin-glass subcommands of <c>qecd statmech</c> (ising, sk, trg, anneal) and what they share beyond
/// <see cref="StatMechLearning.LearningCli"/>: β lists named by their option, integer ranges and loading a model.
/// </summary>
public static class IsingCli
{
    /// <summary>Adds the subcommands to the <c>statmech</c> group.</summary>
    public static Command AddTo(Command statmech, CliConsole console)
    {
        statmech.Subcommands.Add(IsingCommand.Create(console));
        statmech.Subcommands.Add(SkCommand.Create(console));
        statmech.Subcommands.Add(TrgCommand.Create(console));
        statmech.Subcommands.Add(AnnealCommand.Create(console));
        return statmech;
    }

    /// <summary>A list or range of β, each &gt; 0 and finite; errors name <paramref name="option"/>.</summary>
    internal static double[] Betas(string option, string text)
    {
        var list = ParseList(option, text);
        if (list.Length == 0) throw new ArgumentException($"{option} is empty");
        foreach (var beta in list)
            if (!(beta > 0) || !double.IsFinite(beta))
                throw new ArgumentException(Invariant($"{option}: β = {beta} is not positive; every β must be > 0 and finite"));
        return list;
    }

    /// <summary>Throws one line unless min ≤ value ≤ max.</summary>
    internal static void CheckRange(string option, long value, long min, long max, string why = "")
    {
        if (value < min || value > max)
            throw new ArgumentException($"{option} {value}: expected {min} ≤ value ≤ {max}{(why.Length > 0 ? $" ({why})" : "")}");
    }

    /// <summary>Throws one line when the model is too large to enumerate, naming the option that made it.</summary>
    internal static void CheckEnumerable(string option, string value, IsingModel model)
    {
        if (model.Size > ExactEnumeration.MaxSpins)
            throw new ArgumentException($"{option} {value}: enumeration takes at most {ExactEnumeration.MaxSpins} spins (2^{ExactEnumeration.MaxSpins} states); {model.Name} has {model.Size}");
    }

    /// <summary>A coupling file, its errors as they are (they name file and line).</summary>
    internal static IsingModel LoadCouplings(FileInfo file) => CouplingFile.Load(file.FullName);
}
