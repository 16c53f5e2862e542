using System.Globalization;
using System.Text.RegularExpressions;
using Qec.Circuits.Writing;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Writing;

public sealed partial class StimDemWriterTests
{
    [Theory]
    [InlineData(0.05, "0.05000000000000000278")]
    [InlineData(0.125, "0.125")]
    [InlineData(0.0, "0")]
    [InlineData(4.0, "4")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e-5, "1.000000000000000082e-05")]
    [InlineData(1e20, "1e+20")]
    [InlineData(0.0001, "0.0001000000000000000048")]
    public void NumbersAreCsPercentNineteenG(double value, string expected) =>
        Assert.Equal(expected, StimDemWriter.FormatNumber(value));

    [Fact]
    public void EveryNumberInStimsDemsIsReproduced()
    {
        var files = Directory.GetFiles(TestPaths.Data("circuits"), "*.dem").ToList();
        if (TestPaths.Reference is { } root)
        {
            files.AddRange(Directory.GetFiles(Path.Combine(root, "circuits-extra"), "*.dem"));
        }
        int checkedCount = 0;
        foreach (string file in files)
        {
            foreach (Match m in Number().Matches(File.ReadAllText(file)))
            {
                string text = m.Value;
                Assert.Equal(text, StimDemWriter.FormatNumber(double.Parse(text, CultureInfo.InvariantCulture)));
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 100);
    }

    [Fact]
    public void WritesStimsLayout()
    {
        var model = new DetectorErrorModel([
            new DemError(0.25, [DemTarget.Detector(0), DemTarget.Separator, DemTarget.Observable(1)], "a]b"),
            new DemRepeat(3, [new DemShiftDetectors([0, 1], 2), new DemDetector([], [DemTarget.Detector(1)])]),
            new DemLogicalObservable([DemTarget.Observable(0)]),
        ]);
        Assert.Equal(
            "error[a\\Cb](0.25) D0 ^ L1\nrepeat 3 {\n    shift_detectors(0, 1) 2\n    detector D1\n}\nlogical_observable L0\n",
            StimDemWriter.ToText(model));
        Assert.Equal("\n", StimDemWriter.ToText(new DetectorErrorModel([])));
    }

    [GeneratedRegex(@"(?<=[(, ])-?[0-9][0-9.e+-]*(?=[,)])")]
    private static partial Regex Number();
}
