using System.Collections.Immutable;
using Qec.Core.Dem;

namespace Qec.Core.Generators;

/// <summary>
/// Writes the detector error model of a Z-basis memory experiment on a <see cref="CodeLayout"/>
/// under one <see cref="NoiseModel"/> (an X-basis memory is a Z-basis one on the exchanged layout). On the surface and repetition codes every error is graph-like:
/// each <c>^</c> component flips at most two detectors, because every data qubit lies on at most two
/// checks of each type; on other CSS codes an error flips every check of its qubit (a hyperedge; a
/// bivariate bicycle qubit has three Z checks). Mechanisms are not merged (two qubits with the same
/// detectors give two errors); matching graphs merge them. Instruction order: errors, then
/// <c>detector(x, y, t)</c> declarations in index order, then <c>logical_observable L0</c> … L(k−1).
/// </summary>
internal static class NoisyMemoryDem
{
    /// <summary>Code capacity, bit flips: one error per data qubit on the Z checks (t = 0).</summary>
    public static DetectorErrorModel CodeCapacity(CodeLayout layout, double p)
    {
        var instructions = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int q = 0; q < layout.NumData; q++)
        {
            instructions.Add(Error(p, XErrorTargets(layout, q, 0, [])));
        }
        AddDetectors(instructions, layout.ZChecks, 0, 0);
        return Finish(instructions, layout.NumObservables);
    }

    /// <summary>
    /// Code capacity, depolarizing: X, Y and Z mechanisms of probability q per data qubit, with
    /// (1 − 2q)² = 1 − 4p/3 so that the three independent Pauli channels compose to the depolarizing
    /// channel of strength p. Z-check detectors are 0 … nZ−1, X-check detectors follow.
    /// Without X checks (repetition code) Z errors are invisible and harmless, and X or Y flips the
    /// bit with probability 2p/3: one mechanism per qubit.
    /// </summary>
    public static DetectorErrorModel CodeCapacityDepolarizing(CodeLayout layout, double p)
    {
        if (layout.XChecks.Length == 0)
        {
            return CodeCapacity(layout, 2 * p / 3);
        }
        double q = (1 - Math.Sqrt(1 - 4 * p / 3)) / 2;
        int xOffset = layout.ZChecks.Length;
        var instructions = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int qubit = 0; qubit < layout.NumData; qubit++)
        {
            var xPart = XErrorTargets(layout, qubit, 0, []);
            var zPart = new List<DemTarget>();
            foreach (int c in layout.XChecksOfQubit[qubit])
            {
                zPart.Add(DemTarget.Detector((ulong)(xOffset + c)));
            }
            instructions.Add(Error(q, xPart));
            instructions.Add(Error(q, zPart.Count == 0 ? xPart : [.. xPart, DemTarget.Separator, .. zPart]));
            instructions.Add(Error(q, zPart));
        }
        AddDetectors(instructions, layout.ZChecks, 0, 0);
        AddDetectors(instructions, layout.XChecks, xOffset, 0);
        return Finish(instructions, layout.NumObservables);
    }

    /// <summary>
    /// Phenomenological noise over <paramref name="rounds"/> rounds: detector index t·nZ + s for check
    /// s and t = 0 … rounds. A data X error before round t flips detectors (s, t) of its checks (later
    /// detectors compare two flipped values and see nothing) and the observables whose Z logical holds the qubit; a measurement
    /// error of check s in round t flips detectors (s, t) and (s, t+1).
    /// </summary>
    public static DetectorErrorModel Phenomenological(CodeLayout layout, int rounds, double p)
    {
        int nz = layout.ZChecks.Length;
        var instructions = ImmutableArray.CreateBuilder<DemInstruction>();
        for (int t = 0; t < rounds; t++)
        {
            for (int q = 0; q < layout.NumData; q++)
            {
                instructions.Add(Error(p, XErrorTargets(layout, q, t * nz, [])));
            }
            for (int s = 0; s < nz; s++)
            {
                instructions.Add(Error(p, [DemTarget.Detector((ulong)(t * nz + s)), DemTarget.Detector((ulong)((t + 1) * nz + s))]));
            }
        }
        for (int t = 0; t <= rounds; t++)
        {
            AddDetectors(instructions, layout.ZChecks, t * nz, t);
        }
        return Finish(instructions, layout.NumObservables);
    }

    /// <summary>The Z-check detectors (offset by <paramref name="offset"/>) and observables an X error on a qubit flips.</summary>
    private static List<DemTarget> XErrorTargets(CodeLayout layout, int qubit, int offset, List<DemTarget> targets)
    {
        foreach (int c in layout.ZChecksOfQubit[qubit])
        {
            targets.Add(DemTarget.Detector((ulong)(offset + c)));
        }
        foreach (int k in layout.ObservablesOfQubit[qubit])
        {
            targets.Add(DemTarget.Observable((ulong)k));
        }
        return targets;
    }

    private static DemError Error(double p, IEnumerable<DemTarget> targets) => new(p, [.. targets]);

    private static void AddDetectors(ImmutableArray<DemInstruction>.Builder instructions, CodeCheck[] checks, int offset, int t)
    {
        for (int c = 0; c < checks.Length; c++)
        {
            instructions.Add(new DemDetector([checks[c].X, checks[c].Y, t], [DemTarget.Detector((ulong)(offset + c))]));
        }
    }

    private static DetectorErrorModel Finish(ImmutableArray<DemInstruction>.Builder instructions, int numObservables)
    {
        for (int k = 0; k < numObservables; k++)
        {
            instructions.Add(new DemLogicalObservable([DemTarget.Observable((ulong)k)]));
        }
        return new DetectorErrorModel(instructions.ToImmutable());
    }
}
