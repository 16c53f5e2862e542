using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Options;
using Qec.Gpu;
using Qec.BeliefPropagation.Osd;
using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.BeliefPropagation.Tests;

/// <summary>Decoder options: defaults, names, and one clear error per bad option or model.</summary>
public class OptionsTests
{
    private static readonly DetectorErrorModel Small = TestCodes.Dem(2, [[0], [0, 1], [1]], [0.1, 0.1, 0.1], [[0], [], []]);

    [Fact]
    public void Defaults_are_ldpcs_and_the_papers()
    {
        var bposd = BpDecoderOptions.Parse(BpDecoderKind.BpOsd, DecoderOptions.Empty);
        Assert.Equal(new BpSettings(BpMethod.MinSum, BpSchedule.Flooding, 0.625, 100), bposd.Bp);
        Assert.Equal(OsdMethod.CombinationSweep, bposd.OsdMethod);
        Assert.Equal(7, bposd.OsdOrder);
        Assert.Equal(ComputeDevice.Cpu, bposd.Device);
        var relay = BpDecoderOptions.Parse(BpDecoderKind.RelayBp, DecoderOptions.Empty);
        Assert.Equal(1.0, relay.Bp.Scaling);
        Assert.Equal((0.125, 80, 300, 60, -0.24, 0.66, 5), (relay.Relay.Gamma0, relay.Relay.FirstLegIterations, relay.Relay.Legs,
            relay.Relay.LegIterations, relay.Relay.GammaMin, relay.Relay.GammaMax, relay.Relay.Solutions));
    }

    [Theory]
    [InlineData("bp_method=product_sum", "SumProduct")]
    [InlineData("bp_method=ms", "MinSum")]
    [InlineData("schedule=serial", "Layered")]
    [InlineData("schedule=parallel", "Flooding")]
    public void Ldpc_names_are_understood(string option, string expected)
    {
        var bp = BpDecoderOptions.Parse(BpDecoderKind.Bp, DecoderOptions.Parse([option])).Bp;
        Assert.Contains(expected, new[] { bp.Method.ToString(), bp.Schedule.ToString() });
    }

    [Theory]
    [InlineData("bp", "foo=1", "unknown decoder option 'foo'")]
    [InlineData("bp", "osd_order=3", "unknown decoder option 'osd_order'")]  // an OSD option on plain BP
    [InlineData("bposd", "max_iter=0", "max_iter=0: expected an integer from 1")]
    [InlineData("bposd", "ms_scaling_factor=1.5", "ms_scaling_factor=1.5: expected a number from 0 to 1")]
    [InlineData("bposd", "osd_method=exhaustive", "osd_method=exhaustive: expected one of osd_cs")]
    [InlineData("bp", "bp_method=magic", "bp_method=magic")]
    [InlineData("relaybp", "gamma_dist_min=0.9", "the interval is empty")]
    [InlineData("relaybp", "seed=-1", "seed=-1: expected a non-negative integer")]
    [InlineData("bp", "device=tpu", "device=tpu: expected one of cpu")]
    public void A_bad_option_is_one_clear_error_naming_it(string decoder, string option, string expected)
    {
        var kind = decoder switch { "bp" => BpDecoderKind.Bp, "bposd" => BpDecoderKind.BpOsd, _ => BpDecoderKind.RelayBp };
        var e = Assert.Throws<ArgumentException>(() => new BpDecoderFactory(kind).Compile(Small, DecoderOptions.Parse([option])));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(decoder + ":", e.Message);
    }

    [Fact]
    public void Streaming_keys_pass_through_for_the_round_by_round_wrapper()
    {
        var compiled = new BpDecoderFactory(BpDecoderKind.BpOsd).Compile(Small, DecoderOptions.Parse(["window=10", "commit=5", "detectors_per_round=2", "distance=3"]));
        Assert.Equal("bposd", compiled.Name);
    }

    [Fact]
    public void An_observable_no_mechanism_flips_is_refused_by_name()
    {
        var model = DetectorErrorModel.Parse("error(0.1) D0 L0\nerror(0.1) D0 D1\nlogical_observable L1\n");
        var e = Assert.Throws<ArgumentException>(() => new BpDecoderFactory(BpDecoderKind.Bp).Compile(model, DecoderOptions.Empty));
        Assert.Contains("observable L1 is flipped by no error mechanism", e.Message);
    }

    [Fact]
    public void Asking_for_an_absent_gpu_names_the_option_and_auto_falls_back()
    {
        if (Qec.Gpu.GpuAccelerator.Context.Devices.Any(d => d.AcceleratorType == ILGPU.Runtime.AcceleratorType.Cuda))
        {
            return;  // this machine has the device asked for
        }
        var e = Assert.Throws<ArgumentException>(() => new BpDecoderFactory(BpDecoderKind.Bp).Compile(Small, DecoderOptions.Parse(["device=cuda"])));
        Assert.Contains("bp: decoder option device: no Cuda accelerator", e.Message);
        var auto = (BpCompiledDecoder)new BpDecoderFactory(BpDecoderKind.Bp).Compile(Small, DecoderOptions.Parse(["device=auto"]));
        Assert.Equal(auto.Gpu is not null, Qec.Gpu.GpuAccelerator.Context.Devices.Any(d => d.AcceleratorType == ILGPU.Runtime.AcceleratorType.OpenCL));
        Assert.False(auto.CreateDecoder().PrefersBatches && auto.Gpu is null);
    }

    [Fact]
    public void Bposd_refuses_a_model_whose_osd_matrix_is_over_the_limit()
    {
        // 50,000 detectors × 50,000 mechanisms = 2.5·10^9 bits > 2^31.
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 50_000; i++)
        {
            text.Append("error(0.01) D").Append(i).Append(i == 0 ? " L0\n" : "\n");
        }
        var model = DetectorErrorModel.Parse(text.ToString());
        var e = Assert.Throws<ArgumentException>(() => new BpDecoderFactory(BpDecoderKind.BpOsd).Compile(model, DecoderOptions.Empty));
        Assert.Contains("bits of OSD matrix; the limit is 2147483648", e.Message);
        Assert.Equal("bp", new BpDecoderFactory(BpDecoderKind.Bp).Compile(model, DecoderOptions.Empty).Name);  // plain BP has no OSD matrix
    }
}
