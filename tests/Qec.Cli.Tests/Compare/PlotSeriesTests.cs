using Qec.Cli.Compare;

namespace Qec.Cli.Tests.Compare;

public sealed class PlotSeriesTests
{
    private static StatsRow Row(string decoder, int d, double p, long shots, long errors, double seconds = 1) =>
        new(shots, errors, 0, seconds, decoder, $"{decoder}-{d}-{p}", TaskMetadata.Empty.With("d", d).With("p", p).With("rounds", d));

    private static readonly StatsRow[] Rows =
    [
        Row("mwpm", 3, 0.02, 1000, 30), Row("mwpm", 3, 0.01, 1000, 10), Row("mwpm", 5, 0.01, 2000, 4),
        Row("uf", 3, 0.01, 1000, 12), Row("uf", 5, 0.01, 1000, 0),
    ];

    [Fact]
    public void OneSeriesPerGroupWithPointsSortedByX()
    {
        var series = PlotSeriesBuilder.Build(Rows, "p", ["decoder", "d"], PlotQuantity.ShotErrorRate, IntervalKind.Wilson, []);
        Assert.Equal(["mwpm|3", "mwpm|5", "uf|3", "uf|5"], series.Select(s => string.Join("|", s.Values)).ToArray());
        Assert.Equal([0.01, 0.02], series[0].Points.Select(p => p.X).ToArray());
        var wilson = BinomialInterval.Wilson(30, 1000);
        Assert.Equal(new PlotPoint(0.02, 0.03, wilson.Low, wilson.High, 1000, 30), series[0].Points[1]);
    }

    [Fact]
    public void PerRoundRatesUseTheRoundsOfEachRow()
    {
        var series = PlotSeriesBuilder.Build(Rows, "p", ["decoder", "d"], PlotQuantity.RoundErrorRate, IntervalKind.Wilson, []);
        Assert.Equal(BinomialInterval.PerRound(0.002, 5), series[1].Points[0].Y, 15);
    }

    [Fact]
    public void TimeIsCoreMicrosecondsPerShot()
    {
        var series = PlotSeriesBuilder.Build(Rows, "d", ["decoder"], PlotQuantity.MicrosPerShot, IntervalKind.Wilson, [("p", "0.010")]);
        Assert.Equal(2, series.Count);
        Assert.Equal([1e6 / 1000, 1e6 / 2000], series[0].Points.Select(p => p.Y).ToArray());
    }

    [Theory]
    [InlineData("p=0.01", 4)]
    [InlineData("p=0.01,p=0.02", 5)]
    [InlineData("decoder=uf", 2)]
    [InlineData("decoder=uf,p=0.02", 0)]
    [InlineData("d=3,decoder=mwpm,decoder=uf", 3)]
    public void FiltersOfOneKeyAreAlternativesAndOfDifferentKeysAllApply(string filters, int expected)
    {
        var parsed = filters.Split(',').Select(f => (f.Split('=')[0], f.Split('=')[1])).ToList();
        Assert.Equal(expected, Rows.Count(r => PlotSeriesBuilder.Matches(r, parsed)));
    }

    [Fact]
    public void ZeroErrorPointsAreLeftOffTheLogAxisAndCounted()
    {
        using var temp = new TempFolder();
        var series = PlotSeriesBuilder.Build(Rows, "p", ["decoder", "d"], PlotQuantity.ShotErrorRate, IntervalKind.Likelihood, []);
        int omitted = StatsPlot.Save(series, new PlotRequest("p", ["decoder", "d"], PlotQuantity.ShotErrorRate, IntervalKind.Likelihood), Rows, temp.File("x.png"));
        Assert.Equal(1, omitted);
        Assert.True(new FileInfo(temp.File("x.png")).Length > 10_000);
    }

    [Theory]
    [InlineData(1, -2, "0.01")]
    [InlineData(5, 3, "5000")]
    [InlineData(2, -5, "2e-5")]
    [InlineData(1, 6, "1e6")]
    public void LogTickLabelsStayShort(int digit, int exponent, string expected) => Assert.Equal(expected, LogTicks.Label(digit, exponent));
}
