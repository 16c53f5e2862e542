using Qec.Core.Formats;

namespace Qec.Core.Tests.Formats;

public sealed class SampleFormatsTests
{
    [Theory]
    [InlineData("01", SampleFormat.Format01)]
    [InlineData("b8", SampleFormat.B8)]
    [InlineData("r8", SampleFormat.R8)]
    [InlineData("dets", SampleFormat.Dets)]
    [InlineData("hits", SampleFormat.Hits)]
    [InlineData("ptb64", SampleFormat.Ptb64)]
    [InlineData("PTB64", SampleFormat.Ptb64)]
    public void Parse_KnownName_GivesFormatAndNameRoundTrips(string name, SampleFormat expected)
    {
        Assert.Equal(expected, SampleFormats.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), SampleFormats.Name(expected));
        Assert.True(SampleFormats.TryParse(name, out SampleFormat parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("b16")]
    [InlineData("0 1")]
    public void Parse_UnknownName_ThrowsListingKnownNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleFormats.Parse(name));
        foreach (string known in new[] { "01", "b8", "r8", "dets", "hits", "ptb64" })
        {
            Assert.Contains(known, error.Message);
        }
        Assert.False(SampleFormats.TryParse(name, out _));
    }

    [Fact]
    public void All_CoversEveryEnumValueOnceWithDescription()
    {
        Assert.Equal(Enum.GetValues<SampleFormat>().Length, SampleFormats.All.Count);
        foreach (SampleFormat format in Enum.GetValues<SampleFormat>())
        {
            SampleFormatInfo info = Assert.Single(SampleFormats.All, i => i.Format == format);
            Assert.False(string.IsNullOrWhiteSpace(info.Description));
            Assert.DoesNotContain('\n', info.Description);
        }
        Assert.Equal(["01", "b8", "r8", "dets", "hits", "ptb64"], SampleFormats.All.Select(i => i.Name));
        Assert.True(SampleFormats.Info(SampleFormat.B8).IsBinary);
        Assert.False(SampleFormats.Info(SampleFormat.Dets).IsBinary);
    }

    [Fact]
    public void Name_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleFormats.Name((SampleFormat)99));
    }
}
