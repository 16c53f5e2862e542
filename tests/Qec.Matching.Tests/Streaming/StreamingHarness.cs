using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Streaming;

/// <summary>Models, options and a round-by-round driver shared by the streaming tests.</summary>
internal static class StreamingHarness
{
    /// <summary>A reference model from tests/data/streaming with its largest repeat block run <paramref name="count"/> times.</summary>
    public static DetectorErrorModel Model(string name, ulong count) =>
        StreamingModels.WithRepeatCount(DetectorErrorModel.Load(TestPaths.Data("streaming/" + name + ".dem")), count);

    public static DecoderOptions Options(int window, int commit) =>
        DecoderOptions.Parse([$"window={window}", $"commit={commit}"]);

    /// <summary>Pushes every round of a packed whole shot, finishes, returns the first prediction byte.</summary>
    public static byte DecodeShot(IStreamingDecoder decoder, RoundLayout layout, ReadOnlySpan<byte> shot)
    {
        decoder.Reset();
        Span<byte> round = stackalloc byte[64];
        Span<byte> obs = stackalloc byte[8];
        for (int r = 0; r < layout.NumRounds; r++)
        {
            int size = layout.RoundSize(r);
            var packed = round[..((size + 7) >> 3)];
            RoundBits.Slice(shot, layout.RoundFirstDetector(r), size, packed);
            decoder.PushRound(r, packed, obs);
        }
        decoder.Finish(obs);
        return obs[0];
    }

    public static int PopCount(ReadOnlySpan<byte> shot)
    {
        int n = 0;
        foreach (byte b in shot)
        {
            n += System.Numerics.BitOperations.PopCount(b);
        }
        return n;
    }
}
