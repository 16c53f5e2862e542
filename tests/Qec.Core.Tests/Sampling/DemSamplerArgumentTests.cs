using Qec.Core.Dem;
using Qec.Core.Sampling;

namespace Qec.Core.Tests.Sampling;

/// <summary>Bad arguments give exceptions that name the argument; edge-case models sample correctly.</summary>
public sealed class DemSamplerArgumentTests
{
    private static readonly DemSampler Small = new(DetectorErrorModel.Parse("error(0.1) D0 D9 L0\nerror(0.2) D3 L10"));

    [Fact]
    public void SizesFollowTheModel()
    {
        Assert.Equal(10, Small.NumDetectors);
        Assert.Equal(11, Small.NumObservables);
        Assert.Equal(2, Small.DetectorBytesPerShot);
        Assert.Equal(2, Small.ObservableBytesPerShot);
        Assert.Equal(2, Small.NumProbabilityGroups);
    }

    [Theory]
    [InlineData(10, 19, 20, "detectionEvents")]
    [InlineData(10, 20, 19, "observableFlips")]
    public void ShortSpansAreRejected(int shots, int detBytes, int obsBytes, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => Small.Sample(shots, 1, new byte[detBytes], new byte[obsBytes]));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(shots.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void NegativeShotsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Small.Sample(-1, 1, new byte[0], new byte[0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Small.SampleBatches(-1, 1, (_, _, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Small.SampleBatches(10, 1, (_, _, _) => { }, batchShots: 0));
    }

    [Fact]
    public void ZeroShotsWriteNothing()
    {
        var dets = new byte[] { 0xAA };
        Small.Sample(0, 1, dets, []);
        Assert.Equal(0xAA, dets[0]);
    }

    [Fact]
    public void BytesBeyondTheShotsAreLeftAlone()
    {
        var dets = Enumerable.Repeat((byte)0xAA, 25).ToArray();
        var obs = Enumerable.Repeat((byte)0xAA, 25).ToArray();
        Small.Sample(10, 1, dets, obs);
        Assert.Equal(new byte[] { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA }, dets[20..]);
        Assert.Equal(new byte[] { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA }, obs[20..]);
    }

    [Fact]
    public void CertainAndImpossibleMechanisms()
    {
        var sampler = new DemSampler(DetectorErrorModel.Parse("error(1) D0 L0\nerror(0) D1\nerror(1) D2 D2\nerror(0.5) D3"));
        var (dets, obs) = sampler.Sample(1000, 3);
        for (int s = 0; s < 1000; s++)
        {
            Assert.Equal(1, dets[s] & 0b111);
            Assert.Equal(1, obs[s]);
        }
    }

    [Fact]
    public void ModelWithoutDetectorsOrObservables()
    {
        var sampler = new DemSampler(DetectorErrorModel.Parse("logical_observable L0"));
        Assert.Equal(0, sampler.DetectorBytesPerShot);
        Assert.Equal(1, sampler.ObservableBytesPerShot);
        var (dets, obs) = sampler.Sample(100, 1);
        Assert.Empty(dets);
        Assert.All(obs, b => Assert.Equal(0, b));
        var empty = new DemSampler(DetectorErrorModel.Parse(""));
        Assert.Equal(0, empty.NumDetectors);
        empty.Sample(5, 1, [], []);
    }

    [Fact]
    public void NullModelIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new DemSampler((DetectorErrorModel)null!));
        Assert.Throws<ArgumentNullException>(() => new DemSampler((FlatDetectorErrorModel)null!));
    }

    /// <summary>The stream position update against exact 64-bit arithmetic, on both of its paths.</summary>
    [Fact]
    public void AdvanceMatchesExactDivision()
    {
        var random = new Random(4);
        for (int i = 0; i < 200_000; i++)
        {
            int m = i % 3 == 0 ? random.Next(1, 10) : random.Next(1, int.MaxValue);
            int mechanism = random.Next(-1, m);
            long start = random.NextInt64(0, 1L << 40);
            double skip = i % 2 == 0 ? random.NextDouble() * 100 : Math.Floor(random.NextDouble() * (1L << 50));
            if (i % 1000 == 0)
            {
                skip = (1L << 50) - 1; // the largest skip of the fast path
            }
            long shot = start;
            int next = mechanism;
            DemSampleStream.Advance(ref shot, ref next, skip, m, 1.0 / m);
            long position = mechanism + 1 + (long)skip;
            Assert.Equal(start + position / m, shot);
            Assert.Equal(position % m, next);
        }
    }

    [Fact]
    public void AdvanceBeyondTheFastPath()
    {
        long shot = 5;
        int mechanism = 3;
        DemSampleStream.Advance(ref shot, ref mechanism, (1L << 52) + 0.5, 1000, 1.0 / 1000);
        long position = 4 + (1L << 52);
        Assert.Equal(5 + position / 1000, shot);
        Assert.Equal(position % 1000, mechanism);

        shot = 0;
        mechanism = 0;
        DemSampleStream.Advance(ref shot, ref mechanism, 1e300, 7, 1.0 / 7);
        Assert.True(shot >= DemSampleStream.MaxShots);
    }

    [Fact]
    public void AstronomicallyRareMechanismNeverFires()
    {
        var sampler = new DemSampler(DetectorErrorModel.Parse("error(1e-300) D0\nerror(1e-17) D1\nerror(0.5) D2"));
        var (dets, _) = sampler.Sample(100_000, 1);
        Assert.All(dets, b => Assert.Equal(0, b & 0b011));
    }
}
