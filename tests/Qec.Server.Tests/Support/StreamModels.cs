using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Core.Sampling;
using Qec.Matching;
using Qec.Matching.Streaming;
using Qec.Tests.Shared;

namespace Qec.Server.Tests.Support;

/// <summary>
/// Stream-mode test models (tests/data/streaming, repeat block shortened), sampled shots, and the
/// offline oracle: the same streaming API run in the test, round by round, recording the logical
/// frame after every push that committed a window.
/// </summary>
public static class StreamModels
{
    /// <summary>Surface code memory-Z, d = 5, p = 0.001 (Stim); its repeat block is 2 rounds per iteration.</summary>
    public const string Surface = "sc_rmz_d05_r1000_p0.001";

    /// <summary>Repetition code memory, d = 5, p = 0.01 (Stim); 4 detectors per round.</summary>
    public const string Repetition = "rep_mem_d05_r10000_p0.01";

    /// <summary>A registry with the test decoders plus "mwpm" and "uf".</summary>
    public static DecoderRegistry Decoders() => MatchingDecoders.Register(TestServer.Decoders());

    /// <summary>The model <paramref name="name"/> with its largest repeat block run <paramref name="count"/> times.</summary>
    public static DetectorErrorModel Model(string name, ulong count) =>
        StreamingModels.WithRepeatCount(DetectorErrorModel.Load(TestPaths.Data("streaming/" + name + ".dem")), count);

    /// <summary>The same model with every error probability multiplied by <paramref name="factor"/> (at most 0.45).</summary>
    public static DetectorErrorModel Scaled(DetectorErrorModel model, double factor) => new([.. model.Instructions.Select(i => Scale(i, factor))]);

    private static DemInstruction Scale(DemInstruction i, double factor) => i switch
    {
        DemError e => e with { Probability = Math.Min(0.45, e.Probability * factor) },
        DemRepeat r => r with { Body = [.. r.Body.Select(b => Scale(b, factor))] },
        _ => i,
    };

    /// <summary>Options window=W, commit=C.</summary>
    public static Dictionary<string, string> Options(int window, int commit) => new() { ["window"] = $"{window}", ["commit"] = $"{commit}" };

    /// <summary>The offline streaming decoder of the same API the server uses.</summary>
    public static IStreamingCompiledDecoder Compile(DetectorErrorModel model, string decoder, IReadOnlyDictionary<string, string> options) =>
        StreamingDecoders.Compile(Decoders(), decoder, model, DecoderOptions.Parse(options.Select(kv => kv.Key + "=" + kv.Value)));

    /// <summary>Samples <paramref name="shots"/> shots: detection events and actual observable flips, b8.</summary>
    public static (byte[] Detections, byte[] Observables, int DetectorBytes) Sample(DetectorErrorModel model, int shots, ulong seed)
    {
        var sampler = new DemSampler(model);
        var (dets, obs) = sampler.Sample(shots, seed);
        return (dets, obs, sampler.DetectorBytesPerShot);
    }

    /// <summary>Round <paramref name="round"/> of a packed whole shot, packed.</summary>
    public static byte[] Round(RoundLayout layout, ReadOnlySpan<byte> shot, int round)
    {
        int size = layout.RoundSize(round);
        var packed = new byte[(size + 7) >> 3];
        RoundBits.Slice(shot, layout.RoundFirstDetector(round), size, packed);
        return packed;
    }

    /// <summary>Decodes every shot offline round by round; returns each shot's partial frames and final prediction.</summary>
    public static OfflineShot[] DecodeOffline(IStreamingCompiledDecoder compiled, byte[] detections, int detectorBytes, int shots)
    {
        var decoder = compiled.CreateStreamingDecoder();
        var layout = compiled.Layout;
        int ob = (layout.NumObservables + 7) >> 3;
        var result = new OfflineShot[shots];
        for (int s = 0; s < shots; s++)
        {
            var shot = detections.AsSpan(s * detectorBytes, detectorBytes);
            var partials = new List<(int, byte[])>();
            decoder.Reset();
            var frame = new byte[ob];
            for (int r = 0; r < layout.NumRounds; r++)
            {
                if (decoder.PushRound(r, Round(layout, shot, r), frame))
                {
                    partials.Add((decoder.CommittedRounds, frame.ToArray()));
                }
            }
            var final = new byte[ob];
            decoder.Finish(final);
            result[s] = new OfflineShot(final, partials);
        }
        return result;
    }

    /// <summary>Logical errors of whole-shot decoding with <paramref name="decoder"/> (the accuracy baseline).</summary>
    public static int WholeShotErrors(DetectorErrorModel model, string decoder, byte[] detections, byte[] observables, int detectorBytes, int shots)
    {
        var d = Decoders().Get(decoder).Compile(model, DecoderOptions.Empty).CreateDecoder();
        int ob = d.ObservableBytes;
        var flips = new byte[ob];
        int errors = 0;
        for (int s = 0; s < shots; s++)
        {
            d.Decode(detections.AsSpan(s * detectorBytes, detectorBytes), flips);
            errors += Differs(flips, observables.AsSpan(s * ob, ob)) ? 1 : 0;
        }
        return errors;
    }

    /// <summary>True when two flip vectors differ.</summary>
    public static bool Differs(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => !a.SequenceEqual(b);
}

/// <summary>One shot decoded offline: the logical frame after each committing push, and the final prediction.</summary>
/// <param name="Final">Predicted observable flips.</param>
/// <param name="Partials">(committed rounds, frame) after each push that committed, in order.</param>
public sealed record OfflineShot(byte[] Final, List<(int CommittedRounds, byte[] Flips)> Partials);
