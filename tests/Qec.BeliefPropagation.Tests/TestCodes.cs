using System.Globalization;
using System.Text;
using Qec.Core.Dem;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>Small check matrices for tests, written as DEM text so they go through the real CheckMatrix path.</summary>
internal static class TestCodes
{
    /// <summary>A DEM with one error per column: column j flips the given detectors (and observables) with probability priors[j].</summary>
    public static DetectorErrorModel Dem(int checks, IReadOnlyList<int[]> columns, IReadOnlyList<double> priors, IReadOnlyList<int[]>? observables = null)
    {
        var text = new StringBuilder();
        for (int j = 0; j < columns.Count; j++)
        {
            text.Append("error(").Append(priors[j].ToString("R", CultureInfo.InvariantCulture)).Append(')');
            foreach (int d in columns[j])
            {
                text.Append(" D").Append(d);
            }
            foreach (int k in observables?[j] ?? [])
            {
                text.Append(" L").Append(k);
            }
            text.Append('\n');
        }
        text.Append("detector D").Append(checks - 1).Append('\n');
        return DetectorErrorModel.Parse(text.ToString());
    }

    /// <summary>
    /// A random tree-shaped Tanner graph (connected, acyclic) with every check on at least two variables,
    /// so no marginal is certain: each new check hangs off an existing variable and takes a new variable
    /// of its own; the remaining variables hang off random checks. Needs variables &gt; checks. Each
    /// column flips observable 0 with probability ½ (column 0 always).
    /// </summary>
    public static DetectorErrorModel RandomTree(Random random, int variables, int checks)
    {
        if (variables <= checks)
        {
            throw new ArgumentException("a tree whose checks all have degree ≥ 2 needs more variables than checks");
        }
        var columns = new List<int>[variables];
        for (int v = 0; v < variables; v++)
        {
            columns[v] = [];
        }
        int placed = 1;
        for (int c = 0; c < checks; c++)
        {
            columns[random.Next(placed)].Add(c);
            columns[placed++].Add(c);
        }
        for (; placed < variables; placed++)
        {
            columns[placed].Add(random.Next(checks));
        }
        var priors = new double[variables];
        var obs = new int[variables][];
        for (int v = 0; v < variables; v++)
        {
            columns[v].Sort();
            priors[v] = 0.02 + 0.4 * random.NextDouble();
            obs[v] = random.Next(2) == 0 || v == 0 ? [0] : [];
        }
        return Dem(checks, columns.Select(c => c.ToArray()).ToList(), priors, obs);
    }

    /// <summary>The b8-packed syndrome H·e of an error (one flag per column).</summary>
    public static byte[] Syndrome(CheckMatrix matrix, ReadOnlySpan<bool> error)
    {
        var syndrome = new byte[(matrix.Detectors.Rows + 7) >> 3];
        for (int j = 0; j < error.Length; j++)
        {
            if (error[j])
            {
                foreach (int d in matrix.Detectors.ColumnEntries(j))
                {
                    syndrome[d >> 3] ^= (byte)(1 << (d & 7));
                }
            }
        }
        return syndrome;
    }

    /// <summary>Whether a decision reproduces a packed syndrome.</summary>
    public static bool Satisfies(CheckMatrix matrix, ReadOnlySpan<bool> decision, ReadOnlySpan<byte> syndrome) =>
        Syndrome(matrix, decision).AsSpan().SequenceEqual(syndrome);

    /// <summary>An error drawn from the priors.</summary>
    public static bool[] SampleError(CheckMatrix matrix, Random random)
    {
        var e = new bool[matrix.NumMechanisms];
        for (int j = 0; j < e.Length; j++)
        {
            e[j] = random.NextDouble() < matrix.Priors[j];
        }
        return e;
    }
}
