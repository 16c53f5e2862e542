using Qec.BeliefPropagation;
using Qec.Core.Codes;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Sampling;

namespace Qec.Server.Tests.Support;

/// <summary>
/// The BP family's test model, the [[72,12,6]] bivariate bicycle code under code-capacity noise
/// (p = 3%), its sampled shots and the offline oracle: the same factory and options decoding each
/// shot alone on the plain C# path.
/// </summary>
public static class BbModels
{
    /// <summary>bb72 (ℓ = m = 6, A = x³ + y + y², B = y³ + x + x²), code capacity, p = 0.03, one round.</summary>
    public static DetectorErrorModel Bb72() =>
        CodeGenerators.BivariateBicycle(BivariateBicycleCode.Create(6, 6, "x3+y+y2", "y3+x+x2"), 1, NoiseModel.CodeCapacity, 0.03);

    /// <summary>Options "k=v,k=v" as a dictionary.</summary>
    public static Dictionary<string, string> Options(string text) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(kv => kv[0], kv => kv[1]);

    /// <summary><paramref name="shots"/> sampled shots (b8 detection events) of <paramref name="model"/>.</summary>
    public static byte[] Sample(DetectorErrorModel model, int shots, ulong seed) => new DemSampler(model).Sample(shots, seed).DetectionEvents;

    /// <summary>
    /// Each shot decoded alone by <paramref name="decoder"/> with <paramref name="options"/> minus
    /// <c>device</c> (so on the plain C# path), b8 observable flips.
    /// </summary>
    public static byte[] DecodeOffline(DetectorErrorModel model, string decoder, IReadOnlyDictionary<string, string> options, byte[] shots)
    {
        var cpu = DecoderOptions.Parse(options.Where(kv => kv.Key != "device").Select(kv => kv.Key + "=" + kv.Value));
        var instance = TestServer.Decoders().Get(decoder).Compile(model, cpu).CreateDecoder();
        int db = instance.DetectorBytes, ob = instance.ObservableBytes, count = shots.Length / db;
        var flips = new byte[count * ob];
        for (int s = 0; s < count; s++)
        {
            instance.Decode(shots.AsSpan(s * db, db), flips.AsSpan(s * ob, ob));
        }
        return flips;
    }
}
