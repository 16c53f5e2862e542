using Qec.Core.Formats;

namespace Qec.Core.Tests.Formats;

public sealed class ShotLayoutTests
{
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0, 1, 1, 1)]
    [InlineData(24, 0, 24, 3)]
    [InlineData(24, 1, 25, 4)]
    [InlineData(40004, 0, 40004, 5001)]
    [InlineData(7, 1, 8, 1)]
    [InlineData(63, 2, 65, 9)]
    public void BitsAndBytes(int detectors, int observables, int bits, int bytes)
    {
        var layout = new ShotLayout(detectors, observables);
        Assert.Equal(bits, layout.BitsPerShot);
        Assert.Equal(bytes, layout.BytesPerShot);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(int.MaxValue, 1)]
    public void InvalidCounts_Throw(int detectors, int observables)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShotLayout(detectors, observables));
    }

    [Fact]
    public void Factories_PutBitsInTheRightPart()
    {
        Assert.Equal(new ShotLayout(5, 0), ShotLayout.Detectors(5));
        Assert.Equal(new ShotLayout(0, 3), ShotLayout.Observables(3));
    }
}
