using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// On a tree-shaped factor graph sum-product BP is exact: after enough iterations the posterior LLR of
/// every variable equals ln P(e_v = 0 | s) / P(e_v = 1 | s), computed here by enumerating all errors.
/// </summary>
public class SumProductExactnessTests
{
    public static TheoryData<int, int, int, BpSchedule> Trees => new()
    {
        { 1, 6, 4, BpSchedule.Flooding },
        { 2, 9, 6, BpSchedule.Flooding },
        { 3, 12, 7, BpSchedule.Flooding },
        { 4, 14, 10, BpSchedule.Flooding },
        { 5, 10, 6, BpSchedule.Layered },
        { 6, 13, 9, BpSchedule.Layered },
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public void Posteriors_equal_brute_force_marginals(int seed, int variables, int checks, BpSchedule schedule)
    {
        var random = new Random(seed);
        var matrix = CheckMatrix.From(TestCodes.RandomTree(random, variables, checks));
        var graph = TannerGraph.From(matrix);
        var view = new ArrayGraphView(graph);
        for (int trial = 0; trial < 5; trial++)
        {
            var syndrome = TestCodes.Syndrome(matrix, TestCodes.SampleError(matrix, random));
            var state = new ArrayShotState(graph);
            syndrome.CopyTo(state.PackedSyndrome);
            BpEngine.StartFromPriors(ref view, ref state);
            BpEngine.ResetMessages(ref view, ref state, schedule);
            var settings = new BpSettings(BpMethod.SumProduct, schedule, 1.0, 0);
            int unsatisfied = 0;
            // A tree of n + m nodes has diameter < n + m: that many rounds reach every fixed point.
            for (int t = 1; t <= variables + checks; t++)
            {
                if (schedule == BpSchedule.Flooding)
                {
                    for (int c = 0; c < checks; c++)
                    {
                        CheckUpdate.SumProduct(ref view, ref state, c);
                    }
                    unsatisfied = VariableUpdate.Flooding(ref view, ref state, false, false, unsatisfied);
                }
                else
                {
                    VariableUpdate.LayeredSweep(ref view, ref state, settings.Method, 1.0);
                }
            }
            var exact = BruteForceMarginals(matrix, syndrome);
            for (int v = 0; v < variables; v++)
            {
                Assert.Equal(exact[v], state.Posteriors[v], 1e-9);
            }
        }
    }

    /// <summary>ln P(e_v = 0, H e = s) − ln P(e_v = 1, H e = s) by enumerating all 2^n errors.</summary>
    private static double[] BruteForceMarginals(CheckMatrix matrix, byte[] syndrome)
    {
        int n = matrix.NumMechanisms;
        var zero = new double[n];
        var one = new double[n];
        var error = new bool[n];
        for (long bits = 0; bits < 1L << n; bits++)
        {
            double probability = 1;
            for (int j = 0; j < n; j++)
            {
                error[j] = ((bits >> j) & 1) != 0;
                probability *= error[j] ? matrix.Priors[j] : 1 - matrix.Priors[j];
            }
            if (!TestCodes.Satisfies(matrix, error, syndrome))
            {
                continue;
            }
            for (int j = 0; j < n; j++)
            {
                (error[j] ? one : zero)[j] += probability;
            }
        }
        return [.. zero.Select((z, j) => Math.Log(z / one[j]))];
    }
}
