using Qec.Core.Formats;
using static Qec.Core.Tests.Formats.FormatTestKit;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// Random layouts (no detectors, bit counts not a multiple of 8, more than 64 and more than 255 bits) and
/// random shots of several densities: the writer must match the plain encoder transcribed from Stim's doc
/// byte for byte, the reader must give the shots back, and conversion between every pair of formats must
/// give the other format's plain encoding.
/// </summary>
public sealed class RandomRoundTripTests
{
    private static readonly double[] Densities = [0.0, 0.003, 0.05, 0.5, 0.97, 1.0];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 24; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    private static ShotLayout RandomLayout(Random rng)
    {
        int detectors = rng.Next(6) switch
        {
            0 => 0,
            1 => rng.Next(1, 9),
            2 => rng.Next(60, 70),
            3 => rng.Next(250, 600),
            _ => rng.Next(1, 140),
        };
        int observables = rng.Next(4) == 0 ? 0 : rng.Next(1, 5);
        if (detectors + observables == 0)
        {
            observables = 1;
        }
        return new ShotLayout(detectors, observables);
    }

    private static List<bool[]> RandomShots(Random rng, ShotLayout layout, int count)
    {
        var shots = new List<bool[]>(count);
        for (int s = 0; s < count; s++)
        {
            double p = Densities[rng.Next(Densities.Length)];
            bool[] bits = new bool[layout.BitsPerShot];
            for (int k = 0; k < bits.Length; k++)
            {
                bits[k] = rng.NextDouble() < p;
            }
            shots.Add(bits);
        }
        return shots;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryFormat_MatchesPlainEncoder_AndReadsBack(int seed)
    {
        var rng = new Random(seed);
        ShotLayout layout = RandomLayout(rng);
        int count = 64 * rng.Next(1, 4);
        List<bool[]> shots = RandomShots(rng, layout, count);
        List<byte[]> packed = shots.Select(Pack).ToList();

        foreach (SampleFormatInfo info in SampleFormats.All)
        {
            byte[] expected = NaiveStimFormats.Encode(info.Format, shots, layout);
            Assert.Equal(expected, WriteAll(packed, info.Format, layout));
            List<byte[]> read = ReadAll(expected, info.Format, layout);
            Assert.Equal(count, read.Count);
            for (int s = 0; s < count; s++)
            {
                Assert.Equal(packed[s], read[s]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ConvertBetweenEveryPair_GivesPlainEncodingOfTarget(int seed)
    {
        var rng = new Random(1000 + seed);
        ShotLayout layout = RandomLayout(rng);
        List<bool[]> shots = RandomShots(rng, layout, 64);

        foreach (SampleFormatInfo from in SampleFormats.All)
        {
            byte[] input = NaiveStimFormats.Encode(from.Format, shots, layout);
            foreach (SampleFormatInfo to in SampleFormats.All)
            {
                var output = new MemoryStream();
                long n = SampleConverter.Convert(new MemoryStream(input), from.Format, output, to.Format, layout);
                Assert.Equal(64, n);
                Assert.Equal(NaiveStimFormats.Encode(to.Format, shots, layout), output.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(SampleFormat.Format01)]
    [InlineData(SampleFormat.R8)]
    [InlineData(SampleFormat.Dets)]
    [InlineData(SampleFormat.Hits)]
    public void ZeroBitShots_KeepTheirCountInFormatsThatCanSayIt(SampleFormat format)
    {
        var layout = new ShotLayout(0, 0);
        var shots = Enumerable.Repeat(Array.Empty<byte>(), 5).ToList();
        byte[] data = WriteAll(shots, format, layout);
        Assert.Equal(NaiveStimFormats.Encode(format, Enumerable.Repeat(Array.Empty<bool>(), 5).ToList(), layout), data);
        Assert.Equal(5, ReadAll(data, format, layout).Count);
    }

    [Theory]
    [InlineData(SampleFormat.B8)]
    [InlineData(SampleFormat.Ptb64)]
    public void ZeroBitShots_CannotBeReadFromFormatsWithoutBytes(SampleFormat format)
    {
        Assert.Throws<ArgumentException>(() => new SampleReader(new MemoryStream(), format, new ShotLayout(0, 0)));
    }
}
