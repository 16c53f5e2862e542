using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Osd;
using Qec.BeliefPropagation.Relay;
using Qec.Core.Decoding;
using Qec.Gpu;

namespace Qec.BeliefPropagation.Options;

/// <summary>
/// Everything a BP-family decoder is compiled with, parsed and validated from text options. Option
/// names follow ldpc v2 (bp_method, schedule, ms_scaling_factor, max_iter, osd_method, osd_order) and
/// relay_bp (gamma0, pre_iter, num_sets, set_max_iter, stop_nconv), so users of those libraries
/// find them where they expect.
/// </summary>
/// <param name="Kind">Which decoder.</param>
/// <param name="Bp">BP settings (for Relay-BP: its inner flooding BP; MaxIterations unused).</param>
/// <param name="OsdMethod">OSD variant (bposd).</param>
/// <param name="OsdOrder">Combination-sweep order w (bposd).</param>
/// <param name="Relay">Relay-BP settings (relaybp).</param>
/// <param name="Device">Where batches run.</param>
public sealed record BpDecoderOptions(BpDecoderKind Kind, BpSettings Bp, OsdMethod OsdMethod, int OsdOrder, RelaySettings Relay, ComputeDevice Device)
{
    /// <summary>Option keys.</summary>
    public const string MethodKey = "bp_method", ScheduleKey = "schedule", ScalingKey = "ms_scaling_factor", MaxIterKey = "max_iter",
        OsdMethodKey = "osd_method", OsdOrderKey = "osd_order", Gamma0Key = "gamma0", PreIterKey = "pre_iter", NumSetsKey = "num_sets",
        SetMaxIterKey = "set_max_iter", GammaMinKey = "gamma_dist_min", GammaMaxKey = "gamma_dist_max", StopKey = "stop_nconv",
        SeedKey = "seed", DeviceKey = ComputeDevices.Key;

    /// <summary>Default combination-sweep order: 7, the setting of the reference numbers (ldpc BP+OSD-CS7).</summary>
    public const int DefaultOsdOrder = 7;

    /// <summary>Most iterations any one BP run may take.</summary>
    public const int MaxIterationsLimit = 1_000_000;

    private static readonly string[] BpKeys = [MethodKey, ScheduleKey, ScalingKey, MaxIterKey, DeviceKey];
    private static readonly string[] OsdKeys = [.. BpKeys, OsdMethodKey, OsdOrderKey];
    private static readonly string[] RelayKeys =
        [MethodKey, ScalingKey, Gamma0Key, PreIterKey, NumSetsKey, SetMaxIterKey, GammaMinKey, GammaMaxKey, StopKey, SeedKey, DeviceKey];

    /// <summary>The registry name of a kind.</summary>
    public static string NameOf(BpDecoderKind kind) => kind switch
    {
        BpDecoderKind.Bp => "bp",
        BpDecoderKind.BpOsd => "bposd",
        _ => "relaybp",
    };

    /// <summary>Parses the options of a decoder; throws <see cref="ArgumentException"/> naming a bad or unknown option.</summary>
    public static BpDecoderOptions Parse(BpDecoderKind kind, DecoderOptions options)
    {
        var reader = new OptionReader(NameOf(kind), options, kind switch
        {
            BpDecoderKind.Bp => BpKeys,
            BpDecoderKind.BpOsd => OsdKeys,
            _ => RelayKeys,
        });
        var method = reader.Choice(MethodKey, BpMethod.MinSum,
            ("minimum_sum", BpMethod.MinSum), ("min_sum", BpMethod.MinSum), ("ms", BpMethod.MinSum),
            ("product_sum", BpMethod.SumProduct), ("sum_product", BpMethod.SumProduct), ("ps", BpMethod.SumProduct));
        var schedule = reader.Choice(ScheduleKey, BpSchedule.Flooding,
            ("parallel", BpSchedule.Flooding), ("flooding", BpSchedule.Flooding), ("serial", BpSchedule.Layered), ("layered", BpSchedule.Layered));
        double defaultScaling = kind == BpDecoderKind.RelayBp ? 1.0 : BpSettings.Default.Scaling;
        double scaling = reader.Double(ScalingKey, defaultScaling, 0, 1);
        int maxIter = reader.Int(MaxIterKey, BpSettings.Default.MaxIterations, 1, MaxIterationsLimit);
        var osdMethod = reader.Choice(OsdMethodKey, OsdMethod.CombinationSweep,
            ("osd_cs", OsdMethod.CombinationSweep), ("cs", OsdMethod.CombinationSweep), ("osd0", OsdMethod.Osd0), ("osd_0", OsdMethod.Osd0));
        int osdOrder = reader.Int(OsdOrderKey, DefaultOsdOrder, 0, 64);
        var d = RelaySettings.Default;
        var relay = new RelaySettings(
            reader.Double(Gamma0Key, d.Gamma0, -10, 10),
            reader.Int(PreIterKey, d.FirstLegIterations, 1, MaxIterationsLimit),
            reader.Int(NumSetsKey, d.Legs, 0, MaxIterationsLimit),
            reader.Int(SetMaxIterKey, d.LegIterations, 1, MaxIterationsLimit),
            reader.Double(GammaMinKey, d.GammaMin, -10, 10),
            reader.Double(GammaMaxKey, d.GammaMax, -10, 10),
            reader.Int(StopKey, d.Solutions, 1, MaxIterationsLimit),
            reader.UInt64(SeedKey, d.Seed));
        if (relay.GammaMin > relay.GammaMax)
        {
            throw new ArgumentException($"relaybp: decoder options {GammaMinKey}={relay.GammaMin} and {GammaMaxKey}={relay.GammaMax}: the interval is empty");
        }
        var device = reader.Choice(DeviceKey, ComputeDevice.Cpu, ComputeDevices.Names);
        var bp = new BpSettings(method, kind == BpDecoderKind.RelayBp ? BpSchedule.Flooding : schedule, scaling, maxIter);
        return new BpDecoderOptions(kind, bp, osdMethod, osdOrder, relay, device);
    }
}
