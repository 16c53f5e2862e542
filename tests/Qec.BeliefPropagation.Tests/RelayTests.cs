using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Options;
using Qec.BeliefPropagation.Relay;
using Qec.Core.Decoding;
using Qec.Core.Graphs;
using Qec.Core.Sampling;
using Qec.Tests.Shared;

namespace Qec.BeliefPropagation.Tests;

/// <summary>Relay-BP against its definition (arXiv:2506.01779, Algorithm 1).</summary>
public class RelayTests
{
    private static readonly TannerGraph Bb72 = TannerGraph.From(CheckMatrix.From(ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", 0.05)));

    [Fact]
    public void Without_memory_and_relay_legs_it_is_plain_min_sum()
    {
        // γ0 = 0 makes the memory prior the plain prior; with no relay legs Relay-BP is BP for pre_iter iterations.
        var (dets, shots) = Shots(200, 3);
        var bp = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 1.0, 40);
        var relay = RelaySettings.Default with { Gamma0 = 0, FirstLegIterations = 40, Legs = 0 };
        for (int s = 0; s < shots; s++)
        {
            var (relayState, relayOutcome) = RunRelay(dets, s, bp, relay);
            var (bpState, bpOutcome) = RunBp(dets, s, bp);
            Assert.Equal(bpOutcome.Converged, relayOutcome.Converged);
            Assert.Equal(bpOutcome.Iterations, relayOutcome.Iterations);
            Assert.Equal(bpState.Decisions.ToArray(), relayState.Decisions.ToArray());
            Assert.Equal(bpState.Posteriors.ToArray(), relayState.Posteriors.ToArray());
        }
    }

    [Fact]
    public void The_kept_solution_is_the_lightest_found_and_more_legs_never_make_it_heavier()
    {
        var (dets, _) = Shots(60, 5);
        var bp = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 1.0, 0);
        int improved = 0;
        for (int s = 0; s < 60; s++)
        {
            double previous = double.PositiveInfinity;
            for (int legs = 0; legs <= 12; legs++)
            {
                // Never stop early: every leg runs, so leg r's run is a prefix of leg r+1's.
                var relay = RelaySettings.Default with { FirstLegIterations = 10, Legs = legs, LegIterations = 8, Solutions = 1000 };
                var (state, outcome) = RunRelay(dets, s, bp, relay);
                if (outcome.Legs == 0)
                {
                    Assert.Equal(0, outcome.Iterations);  // no detection event: nothing to run
                    break;
                }
                Assert.True(outcome.Weight <= previous, $"shot {s}: {legs} legs kept weight {outcome.Weight} after {previous}");
                Assert.Equal(legs + 1, outcome.Legs);
                if (outcome.Weight < previous && legs > 0)
                {
                    // The last leg found the new lightest solution: the kept observables are its decision's.
                    var graph = new ArrayGraphView(Bb72);
                    var copy = state;
                    var kept = state.ObservableWords.ToArray();
                    BpEngine.StoreObservables(ref graph, ref copy);
                    Assert.Equal(kept, state.ObservableWords.ToArray());
                    Assert.Equal(BpEngine.DecisionWeight(ref graph, ref copy), outcome.Weight);
                    improved++;
                }
                previous = outcome.Weight;
            }
        }
        Assert.True(improved > 0, "no shot found a lighter solution in a later leg: the test checked nothing");
    }

    [Fact]
    public void It_stops_after_the_asked_number_of_solutions()
    {
        var (dets, _) = Shots(40, 9);
        var bp = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 1.0, 0);
        for (int s = 0; s < 40; s++)
        {
            var (_, outcome) = RunRelay(dets, s, bp, RelaySettings.Default with { Solutions = 2, Legs = 50 });
            if (outcome.Legs == 0)
            {
                continue;  // no detection event: solved before any leg
            }
            Assert.True(outcome.Solutions <= 2, $"shot {s}: ran on after its second solution ({outcome.Solutions})");
            Assert.True(outcome.Solutions == 2 || outcome.Legs == 51, $"shot {s}: {outcome.Solutions} solutions after {outcome.Legs} legs");
        }
    }

    [Fact]
    public void Memory_strengths_are_a_fixed_function_of_seed_leg_and_variable_within_the_interval()
    {
        var relay = RelaySettings.Default;
        var first = Enumerable.Range(0, 144).Select(v => relay.MemoryStrength(1, v, 144)).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 144).Select(v => relay.MemoryStrength(1, v, 144)));
        Assert.All(first, g => Assert.InRange(g, relay.GammaMin, relay.GammaMax));
        Assert.Contains(first, g => g < 0);  // the interval reaches below zero: negative memory exists
        Assert.NotEqual(first, Enumerable.Range(0, 144).Select(v => relay.MemoryStrength(2, v, 144)));
        Assert.NotEqual(first, Enumerable.Range(0, 144).Select(v => (relay with { Seed = 1 }).MemoryStrength(1, v, 144)));
        double mean = Enumerable.Range(0, 10_000).Select(i => relay.MemoryStrength(1 + i / 144, i % 144, 144)).Average();
        Assert.InRange(mean, 0.21 - 0.01, 0.21 + 0.01);  // uniform on [−0.24, 0.66]: mean 0.21
    }

    [Fact]
    public void The_decoder_reports_converged_shots_whose_prediction_reproduces_the_syndrome()
    {
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", 0.05);
        var compiled = (BpCompiledDecoder)new BpDecoderFactory(BpDecoderKind.RelayBp).Compile(model,
            DecoderOptions.Parse(["num_sets=30", "stop_nconv=1"]));
        var decoder = compiled.CreateDecoder();
        var (dets, shots) = Shots(200, 11);
        int db = (compiled.NumDetectors + 7) >> 3;
        var flips = new byte[(compiled.NumObservables + 7) >> 3];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * db, db);
            decoder.Decode(shot, flips);
            // With stop_nconv=1 the run ends on its first solution, so the state's decision is the kept one.
            Assert.Equal(decoder.LastConverged, TestCodes.Satisfies(compiled.Graph.Matrix, decoder.Decision, shot.ToArray()));
        }
    }

    private static (byte[] Dets, int Shots) Shots(int shots, ulong seed)
    {
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", 0.05);
        return (new DemSampler(model).Sample(shots, seed).DetectionEvents, shots);
    }

    private static (ArrayShotState, RelayOutcome) RunRelay(byte[] dets, int shot, BpSettings bp, RelaySettings relay)
    {
        var graph = new ArrayGraphView(Bb72);
        var state = new ArrayShotState(Bb72);
        int db = (Bb72.NumChecks + 7) >> 3;
        dets.AsSpan(shot * db, db).CopyTo(state.PackedSyndrome);
        return (state, RelayEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref graph, ref state, bp, relay));
    }

    private static (ArrayShotState, BpOutcome) RunBp(byte[] dets, int shot, BpSettings bp)
    {
        var graph = new ArrayGraphView(Bb72);
        var state = new ArrayShotState(Bb72);
        int db = (Bb72.NumChecks + 7) >> 3;
        dets.AsSpan(shot * db, db).CopyTo(state.PackedSyndrome);
        return (state, BpEngine.Run<ArrayGraphView, ArrayShotState, ArraySteps>(ref graph, ref state, bp));
    }
}
