using Qec.Core.Decoding;
using Qec.Core.Dem;

namespace Qec.Server.Tests.Support;

/// <summary>Random shots (seeded; padding bits zero) and their offline answers.</summary>
public static class Shots
{
    /// <summary><paramref name="count"/> shots of <paramref name="detectors"/> detectors, about one detector in five set.</summary>
    public static byte[] Random(int count, int detectors, int seed)
    {
        int bytes = (detectors + 7) >> 3;
        var data = new byte[count * bytes];
        var rng = new Random(seed);
        for (int s = 0; s < count; s++)
        {
            for (int k = 0; k < detectors; k++)
            {
                if (rng.Next(5) == 0)
                {
                    data[(s * bytes) + (k >> 3)] |= (byte)(1 << (k & 7));
                }
            }
        }
        return data;
    }

    /// <summary>Decodes every shot offline with the same decoder and model the server uses.</summary>
    public static byte[] DecodeOffline(byte[] shots, string demText)
    {
        var compiled = new ParityDecoderFactory().Compile(DetectorErrorModel.Parse(demText), DecoderOptions.Empty);
        var decoder = compiled.CreateDecoder();
        int db = decoder.DetectorBytes, ob = decoder.ObservableBytes;
        int count = shots.Length / db;
        var flips = new byte[count * ob];
        decoder.DecodeBatch(shots, flips, count);
        return flips;
    }
}
