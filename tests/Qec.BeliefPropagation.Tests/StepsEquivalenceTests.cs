using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Relay;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// The CPU's fast steps (<see cref="ArraySteps"/>) against the generic steps the GPU kernels run: the
/// same posteriors (bit for bit), decisions, iteration counts and observables, for BP and Relay-BP,
/// on random codes with mixed column weights and priors on both sides of ½.
/// </summary>
public class StepsEquivalenceTests
{
    [Theory]
    [InlineData(1, 0.625, false)]
    [InlineData(2, 0.0, false)]    // adaptive scaling
    [InlineData(3, 1.0, true)]     // priors above ½ too
    public void Bp_runs_are_identical(int seed, double scaling, bool somePriorsAboveHalf)
    {
        var random = new Random(seed);
        var graph = TannerGraph.From(RandomCode(random, 40, 90, somePriorsAboveHalf));
        var settings = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, scaling, 30);
        for (int shot = 0; shot < 200; shot++)
        {
            var syndrome = RandomSyndrome(random, graph);
            var (fast, fastOutcome) = Run(graph, syndrome, (ref ArrayGraphView g, ref ArrayShotState s) =>
                BpEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref g, ref s, settings));
            var (generic, genericOutcome) = Run(graph, syndrome, (ref ArrayGraphView g, ref ArrayShotState s) =>
                BpEngine.Run<ArrayGraphView, ArrayShotState, GenericSteps<ArrayGraphView, ArrayShotState>>(ref g, ref s, settings));
            Assert.Equal(genericOutcome, fastOutcome);
            AssertSameState(generic, fast);
        }
    }

    [Fact]
    public void Relay_runs_are_identical()
    {
        var random = new Random(7);
        var graph = TannerGraph.From(RandomCode(random, 30, 70, false));
        var bp = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 1.0, 0);
        var relay = new RelaySettings(0.125, 8, 10, 6, -0.24, 0.66, 3, 42);
        for (int shot = 0; shot < 100; shot++)
        {
            var syndrome = RandomSyndrome(random, graph);
            RelayOutcome fastOutcome = default, genericOutcome = default;
            var (fast, _) = Run(graph, syndrome, (ref ArrayGraphView g, ref ArrayShotState s) =>
            {
                fastOutcome = RelayEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref g, ref s, bp, relay);
                return default;
            });
            var (generic, _) = Run(graph, syndrome, (ref ArrayGraphView g, ref ArrayShotState s) =>
            {
                genericOutcome = RelayEngine.Run<ArrayGraphView, ArrayShotState, GenericSteps<ArrayGraphView, ArrayShotState>>(ref g, ref s, bp, relay);
                return default;
            });
            Assert.Equal(genericOutcome, fastOutcome);
            AssertSameState(generic, fast);
        }
    }

    private delegate BpOutcome Runner(ref ArrayGraphView graph, ref ArrayShotState state);

    private static (ArrayShotState State, BpOutcome Outcome) Run(TannerGraph graph, byte[] syndrome, Runner run)
    {
        var view = new ArrayGraphView(graph);
        var state = new ArrayShotState(graph);
        syndrome.CopyTo(state.PackedSyndrome);
        var outcome = run(ref view, ref state);
        default(GenericSteps<ArrayGraphView, ArrayShotState>).StoreObservables(ref view, ref state);
        return (state, outcome);
    }

    private static void AssertSameState(ArrayShotState expected, ArrayShotState actual)
    {
        Assert.Equal(expected.Decisions.ToArray(), actual.Decisions.ToArray());
        Assert.Equal(expected.ObservableWords.ToArray(), actual.ObservableWords.ToArray());
        // Bit-for-bit: compare the raw bits, so −0.0 and +0.0 (a min-sum sign) are told apart.
        Assert.Equal(expected.Posteriors.ToArray().Select(BitConverter.DoubleToInt64Bits), actual.Posteriors.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    private static byte[] RandomSyndrome(Random random, TannerGraph graph)
    {
        var bytes = new byte[(graph.NumChecks + 7) >> 3];
        var error = TestCodes.SampleError(graph.Matrix, random);
        var syndrome = TestCodes.Syndrome(graph.Matrix, error);
        // One in four shots gets an arbitrary syndrome (possibly unsatisfiable): BP then runs to its limit.
        if (random.Next(4) == 0)
        {
            random.NextBytes(bytes);
            bytes[^1] &= (byte)(0xFF >> ((8 - graph.NumChecks % 8) % 8));
            return bytes;
        }
        return syndrome;
    }

    /// <summary>Random sparse code: 1–5 checks per column, priors 0.5%–20% (a few above ½ when asked), 3 observables.</summary>
    private static CheckMatrix RandomCode(Random random, int checks, int variables, bool somePriorsAboveHalf)
    {
        var columns = new List<int[]>();
        var observables = new List<int[]>();
        var priors = new List<double>();
        for (int j = 0; j < variables; j++)
        {
            columns.Add([.. Enumerable.Range(0, checks).OrderBy(_ => random.Next()).Take(1 + random.Next(5)).Order()]);
            observables.Add(j < 3 ? [j] : [.. Enumerable.Range(0, 3).Where(_ => random.Next(8) == 0)]);
            priors.Add(somePriorsAboveHalf && random.Next(10) == 0 ? 0.5 + 0.4 * random.NextDouble() : 0.005 + 0.2 * random.NextDouble());
        }
        return CheckMatrix.From(TestCodes.Dem(checks, columns, priors, observables));
    }
}
