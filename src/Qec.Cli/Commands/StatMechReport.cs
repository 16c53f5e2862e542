using System.Globalization;
using Qec.TensorNetwork.StatMech;

namespace Qec.Cli.Commands;

/// <summary>What <c>qecd statmech rbim</c> prints about the models and how it judges the comparison with the tn decoder.</summary>
internal static class StatMechReport
{
    /// <summary>The RBIM, its contraction cost, and per class the representative, ln Z, F, F per spin and ln W.</summary>
    public static void Print(TextWriter output, CosetSpinGlass glass, SpinGlassCoset[] classes)
    {
        var first = classes.First(c => c.Model is not null).Model!;
        double jMin = glass.Couplings.Min(), jMax = glass.Couplings.Max();
        string j = jMin == jMax ? Invariant($"J = ½ ln((1 − p)/p) = {jMin:0.##########}") : Invariant($"J_q = ½ ln((1 − p_q)/p_q) in [{jMin:0.####}, {jMax:0.####}]");
        output.WriteLine($"RBIM:        {first.NumSpins} spins (X plaquettes), {first.Bonds} bonds (qubits on two plaquettes), {first.Fields} fields (on one: the left and right edges); {j}, β = 1 (the Nishimori line)");
        output.WriteLine($"network:     {glass.Shape.Count} Boltzmann-weight tensors over {glass.NumSpins} spin labels; {glass.Cost}");
        foreach (var coset in classes)
        {
            var model = coset.Model;
            if (model is null)
            {
                output.WriteLine($"class {coset.LogicalClass}:     no error has this syndrome and class");
                continue;
            }
            var flipped = Enumerable.Range(0, model.Representative.Count).Where(q => model.Representative[q] != 0).ToArray();
            output.WriteLine($"class {coset.LogicalClass}:     representative error on qubits [{string.Join(" ", flipped)}] (η = −1): " +
                             $"{model.AntiferromagneticBonds} of {model.Bonds} bonds antiferromagnetic, {model.NegativeFields} of {model.Fields} fields negative");
        }
        output.WriteLine($"{"class",-7}{"ln Z",-20}{"F = −ln Z/β",-20}{"F per spin",-20}{"ln W(c|s) = ln Z + Σ_q ½ ln(p_q(1 − p_q))"}");
        foreach (var coset in classes)
        {
            output.WriteLine(Invariant($"{coset.LogicalClass,-7}{coset.LogPartitionFunction,-20:R}{coset.FreeEnergy,-20:R}{coset.FreeEnergyPerSpin,-20:R}{coset.LogWeight:R}"));
        }
    }

    /// <summary>
    /// P(c | s) from the RBIM next to the tn decoder's, their largest difference, the domain-wall free energy and the
    /// ML class; returns 0, or 1 with one line on <paramref name="error"/> when they differ by more than the tolerance.
    /// </summary>
    public static int Compare(TextWriter output, TextWriter error, SpinGlassCoset[] classes, ReadOnlySpan<double> tnLogWeights)
    {
        var rbim = SpinGlassCosets.Posterior([.. classes.Select(c => c.LogWeight)]);
        var tn = SpinGlassCosets.Posterior(tnLogWeights);
        output.WriteLine($"{"class",-7}{"P(c|s) RBIM",-24}{"P(c|s) tn (exact)",-24}ln W(c|s) tn");
        double largest = 0;
        for (int c = 0; c < rbim.Length; c++)
        {
            largest = Math.Max(largest, Math.Abs(rbim[c] - tn[c]));
            output.WriteLine(Invariant($"{c,-7}{rbim[c],-24:R}{tn[c],-24:R}{tnLogWeights[c]:R}"));
        }
        if (classes.Length == 2)
        {
            output.WriteLine(Invariant($"domain wall: ΔF = F(1) − F(0) = {classes[1].FreeEnergy - classes[0].FreeEnergy:0.##########} = ln(P(0|s)/P(1|s))"));
        }
        int best = Array.IndexOf(rbim, rbim.Max());
        output.WriteLine(Invariant($"ML class:    {best} (P = {rbim[best]:0.##########})"));
        if (!(largest <= StatMechCommand.Tolerance))
        {
            error.WriteLine(Invariant($"qecd: the RBIM's coset probabilities differ from the tn decoder's by {largest:0.0##E+00}, more than {StatMechCommand.Tolerance:0E+0}"));
            return 1;
        }
        output.WriteLine(Invariant($"agreement:   max |P_RBIM − P_tn| = {largest:0.0##E+00} ≤ {StatMechCommand.Tolerance:0E+0}: the coset probabilities are the RBIM partition functions"));
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
