using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>Min-sum against its definition, worked by hand.</summary>
public class MinSumDefinitionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Check_update_sends_sign_parity_times_scaled_minimum_of_the_others(bool detectionEvent)
    {
        // One check on three variables; incoming 2.0, −0.5, 1.5. One negative input: the others' sign
        // product for edge 0 is −, for edge 1 is +, for edge 2 is −; an event on the check flips all three.
        var matrix = CheckMatrix.From(TestCodes.Dem(1, [[0], [0], [0]], [0.1, 0.1, 0.1], [[0], [], []]));
        var state = new ArrayShotState(TannerGraph.From(matrix));
        state.PackedSyndrome[0] = (byte)(detectionEvent ? 1 : 0);
        double[] incoming = [2.0, -0.5, 1.5];
        for (int e = 0; e < 3; e++)
        {
            state.SetVariableToCheck(e, incoming[e]);
        }
        const double alpha = 0.625;
        var view = new ArrayGraphView(TannerGraph.From(matrix));
        CheckUpdate.MinSum(ref view, ref state, 0, alpha);
        double flip = detectionEvent ? -1 : 1;
        Assert.Equal(flip * -alpha * 0.5, state.CheckToVariable(0));
        Assert.Equal(flip * alpha * 1.5, state.CheckToVariable(1));
        Assert.Equal(flip * -alpha * 0.5, state.CheckToVariable(2));
    }

    [Fact]
    public void A_zero_message_counts_as_negative_as_in_ldpc()
    {
        var matrix = CheckMatrix.From(TestCodes.Dem(1, [[0], [0]], [0.1, 0.1], [[0], []]));
        var state = new ArrayShotState(TannerGraph.From(matrix));
        state.SetVariableToCheck(0, 0.0);
        state.SetVariableToCheck(1, 3.0);
        var view = new ArrayGraphView(TannerGraph.From(matrix));
        CheckUpdate.MinSum(ref view, ref state, 0, 1.0);
        // To edge 0 the only other input is +3: positive. To edge 1 the other input is 0, which counts as
        // negative: the message is −α·0, a negative zero (so the variable's sum keeps the sign ldpc gives it).
        Assert.Equal(3.0, state.CheckToVariable(0));
        Assert.True(double.IsNegative(state.CheckToVariable(1)) && state.CheckToVariable(1) == 0);
    }

    [Fact]
    public void Repetition_code_decodes_in_two_iterations_with_the_hand_computed_posteriors()
    {
        // H = [[1,1,0],[0,1,1]], p = 0.1 everywhere, syndrome (1, 0): the lone flip of variable 0.
        // Λ = ln 9. Iteration 1: check 0 (event) sends −αΛ to variables 0 and 1, check 1 sends +αΛ to 1 and 2;
        // posteriors Λ − αΛ, Λ, Λ + αΛ: variable 0 stays positive, not converged.
        // Iteration 2: variable 1 sends Λ + αΛ to check 0 and Λ − αΛ to check 1; check 0 sends −α(Λ + αΛ)
        // to variable 0, whose posterior Λ − α(Λ + αΛ) is negative for α = 0.625: decision (1, 0, 0).
        var model = TestCodes.Dem(2, [[0], [0, 1], [1]], [0.1, 0.1, 0.1], [[0], [], []]);
        var decoder = (BpDecoder)new BpDecoderFactory(BpDecoderKind.Bp).Compile(model, DecoderOptions.Empty).CreateDecoder();
        var flips = new byte[1];
        decoder.Decode([0b01], flips);
        double lambda = Math.Log(9), alpha = 0.625;
        Assert.Equal(2, decoder.LastIterations);
        Assert.True(decoder.LastConverged);
        Assert.Equal(lambda - alpha * (lambda + alpha * lambda), decoder.Posteriors[0], 12);
        Assert.Equal(lambda, decoder.Posteriors[1], 12);
        Assert.Equal(lambda + alpha * (lambda - alpha * lambda), decoder.Posteriors[2], 12);
        Assert.Equal(new[] { true, false, false }, decoder.Decision.ToArray());
        Assert.Equal(1, flips[0]);
    }

    [Fact]
    public void Adaptive_scaling_follows_one_minus_two_to_the_minus_t()
    {
        var settings = new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 0, 10);
        Assert.Equal(0.5, settings.ScalingAt(1));
        Assert.Equal(0.75, settings.ScalingAt(2));
        Assert.Equal(1 - 1.0 / 1024, settings.ScalingAt(10));
        Assert.Equal(0.625, BpSettings.Default.ScalingAt(7));
    }

    [Fact]
    public void Zero_syndrome_takes_no_iteration_and_predicts_nothing()
    {
        var model = TestCodes.Dem(2, [[0], [0, 1], [1]], [0.1, 0.1, 0.1], [[0], [], []]);
        var decoder = (BpDecoder)new BpDecoderFactory(BpDecoderKind.Bp).Compile(model, DecoderOptions.Empty).CreateDecoder();
        var flips = new byte[] { 0xFF };
        var info = decoder.DecodeDetailed([0], flips);
        Assert.Equal(0, flips[0]);
        Assert.Equal(0, decoder.LastIterations);
        Assert.Equal(0, info.Weight);
        Assert.True(info.SoftOutput > 0);
    }
}
