using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Gpu;
using Qec.BeliefPropagation.Options;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Gpu;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.BeliefPropagation.Tests.Gpu;

/// <summary>
/// Every ILGPU kernel, run on ILGPU's CPU accelerator on small batches of fresh random shots (a new
/// seed each run, printed), gives the plain C# path's observables, iteration counts and convergence
/// flags; and compiles to PTX for an sm_90 card without one.
/// </summary>
public class KernelEquivalenceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "bp", "" },
        { "bp", "ms_scaling_factor=0" },
        { "bp", "bp_method=product_sum" },
        { "bp", "schedule=serial" },
        { "bposd", "" },
        { "relaybp", "num_sets=20,set_max_iter=20,pre_iter=30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_equals_the_plain_path_on_bb72_shots(string decoder, string options)
    {
        // bb72 at p = 6%: many shots need tens of iterations, some never converge.
        var model = ReferenceCodes.Load(TestPaths.Data("bp"), "bb72", 0.06);
        CompareOnFreshShots(model, decoder, options, shots: 48);
    }

    [Fact]
    public void Kernel_equals_the_plain_path_on_a_colour_code_hypergraph()
    {
        // A circuit-level d=3 colour-code DEM (Stim, undecomposed): hyperedges, unequal priors.
        var model = DetectorErrorModel.Load(TestPaths.Data("bp/cc_xyz_d03_r04_p0.002.plain.dem"));
        CompareOnFreshShots(model, "bposd", "", shots: 40);
        CompareOnFreshShots(model, "relaybp", "num_sets=10,set_max_iter=20,pre_iter=20", shots: 24);
    }

    [Fact]
    public void Every_kernel_compiles_to_ptx()
    {
        foreach (var kernel in new[] { nameof(BpKernels.Bp), nameof(BpKernels.Relay), nameof(BpKernels.GatherPosteriors) })
        {
            string ptx = PtxCompiler.Compile(typeof(BpKernels).GetMethod(kernel)!);
            Assert.Contains(".entry", ptx);
            Assert.Contains(".target sm_", ptx);
            // An external function (e.g. Math.FusedMultiplyAdd, which ILGPU does not translate) would fail to load on a card.
            Assert.DoesNotContain(".extern", ptx);
            // Products feeding sums must be mul.rn (never fused into an FMA by the driver), or CPU and GPU would round differently.
            Assert.True(kernel == nameof(BpKernels.GatherPosteriors) || ptx.Contains("mul.rn.f64", StringComparison.Ordinal), $"{kernel}: no mul.rn.f64");
            output.WriteLine($"{kernel}: {ptx.Length} characters of PTX");
        }
    }

    private void CompareOnFreshShots(DetectorErrorModel model, string decoder, string options, int shots)
    {
        ulong seed = (ulong)Random.Shared.NextInt64();
        output.WriteLine($"{decoder} {options}: seed {seed}");
        var (dets, _) = new DemSampler(model).Sample(shots, seed);
        var parsed = DecoderOptions.Parse(options.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var factory = new BpDecoderFactory(Enum.Parse<BpDecoderKind>(decoder switch { "bp" => "Bp", "bposd" => "BpOsd", _ => "RelayBp" }));
        var cpu = (BpCompiledDecoder)factory.Compile(model, parsed);
        var gpu = (BpCompiledDecoder)factory.Compile(model, new DecoderOptions(parsed.Values.SetItem(BpDecoderOptions.DeviceKey, "ilgpu-cpu")));
        Assert.NotNull(gpu.Gpu);
        BatchEquality.AssertEqualsSingleShots(cpu, dets, shots, gpu.Gpu!.Decode, $"seed {seed}");
    }
}
