using Qec.Core.Dem;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Dem;

/// <summary>Every reference DEM parses with the manifest's counts and round-trips through text.</summary>
public sealed class ReferenceDemTests(ITestOutputHelper output)
{
    /// <summary>Manifest rows: name → (detectors, observables).</summary>
    private static Dictionary<string, (ulong Detectors, ulong Observables)> ReadManifest(string path)
    {
        var rows = new Dictionary<string, (ulong, ulong)>();
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int name = Array.IndexOf(header, "name"), det = Array.IndexOf(header, "num_detectors"), obs = Array.IndexOf(header, "num_observables");
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            rows[cells[name]] = (ulong.Parse(cells[det]), ulong.Parse(cells[obs]));
        }
        return rows;
    }

    /// <summary>Counts errors by a path independent of the model: plain text lines, repeat bodies multiplied.</summary>
    private static ulong CountErrorLines(string text)
    {
        var multipliers = new Stack<ulong>();
        ulong factor = 1, errors = 0;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("error", StringComparison.Ordinal))
            {
                errors += factor;
            }
            else if (line.StartsWith("repeat", StringComparison.Ordinal))
            {
                multipliers.Push(factor);
                factor *= ulong.Parse(line.Split(' ')[1]);
            }
            else if (line == "}")
            {
                factor = multipliers.Pop();
            }
        }
        return errors;
    }

    private void CheckFolder(string dems, string manifest)
    {
        var expected = ReadManifest(manifest);
        int checkedFiles = 0;
        foreach (var (name, counts) in expected.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(dems, name + ".dem");
            string text = File.ReadAllText(path);
            var model = DetectorErrorModel.Load(path);
            Assert.Equal(counts.Detectors, model.NumDetectors);
            Assert.Equal(counts.Observables, model.NumObservables);
            Assert.Equal(CountErrorLines(text), model.NumErrors);

            var reparsed = DetectorErrorModel.Parse(model.ToString());
            Assert.Equal(model, reparsed);
            Assert.Equal(model.ToString(), reparsed.ToString());

            if (model.NumErrors < 2_000_000)
            {
                var flat = model.Flatten();
                Assert.Equal((int)model.NumErrors, flat.NumErrors);
                Assert.Equal((int)counts.Detectors, flat.NumDetectors);
            }
            checkedFiles++;
        }
        output.WriteLine($"{checkedFiles} models checked in {dems}");
        Assert.True(checkedFiles > 0);
    }

    [Fact]
    public void CommittedModelsMatchTheirManifest() =>
        CheckFolder(TestPaths.Data("dem"), TestPaths.Data("dem/manifest.csv"));

    [Fact]
    public void EveryReferenceModelMatchesTheManifest()
    {
        if (TestPaths.Reference is not { } reference)
        {
            output.WriteLine("SKIPPED: ../shared/reference is absent");
            return;
        }
        CheckFolder(Path.Combine(reference, "dems"), Path.Combine(reference, "manifest.csv"));
    }

    [Fact]
    public void FlatteningAppliesDetectorAndCoordinateShifts()
    {
        var model = DetectorErrorModel.Parse("""
            detector(1, 2) D0
            repeat 3 {
                error(0.25) D0 D1 ^ D1 L2
                shift_detectors(0, 10) 1
                detector(5, 0.5) D0
            }
            error(0.5) D0
            """);
        Assert.Equal(4ul, model.NumDetectors);
        Assert.Equal(3ul, model.NumObservables);
        var flat = model.Flatten();
        Assert.Equal(4, flat.NumErrors);
        Assert.Equal(
            new[] { DemTarget.Detector(2), DemTarget.Detector(3), DemTarget.Separator, DemTarget.Detector(3), DemTarget.Observable(2) },
            flat.Targets(2).ToArray());
        Assert.Equal(new[] { DemTarget.Detector(3) }, flat.Targets(3).ToArray());
        Assert.Equal(new[] { 1.0, 2.0 }, flat.DetectorCoordinates(0).ToArray());
        Assert.Equal(new[] { 5.0, 10.5 }, flat.DetectorCoordinates(1).ToArray());
        Assert.Equal(new[] { 5.0, 30.5 }, flat.DetectorCoordinates(3).ToArray());
    }

    [Fact]
    public void MillionRoundModelIsCountedWithoutFlattening()
    {
        // 10^6 iterations of a 24-detector body: counting multiplies, it never expands.
        var model = DetectorErrorModel.Parse("""
            error(0.1) D0 D24
            repeat 999999 {
                error(0.1) D0 D24
                error(0.1) D23 L0
                shift_detectors(0, 0, 1) 24
            }
            error(0.1) D23
            """);
        Assert.Equal(24_000_000ul, model.NumDetectors);
        Assert.Equal(1ul + 2 * 999_999 + 1, model.NumErrors);
        Assert.Throws<InvalidOperationException>(() => model.Flatten(maxErrors: 1000));
    }

    [Fact]
    public void TagsAndEscapesRoundTrip()
    {
        string text = "error[a\\Cb\\Bc\\nd](0.125) D0 L1\ndetector[x](1.5, -2, 3e-07) D0\nlogical_observable[y] L1\n";
        var model = DetectorErrorModel.Parse(text);
        var error = Assert.IsType<DemError>(model.Instructions[0]);
        Assert.Equal("a]b\\c\nd", error.Tag);
        Assert.Equal(text, model.ToString());
    }

    [Fact]
    public void CommentsBlankLinesCaseAndCarriageReturnsAreAccepted()
    {
        var model = DetectorErrorModel.Parse("# header\r\n\r\n  ERROR(0.1) D0 D1   # trailing\r\nRepeat 2 {\r\n  error(0.2) D1\r\n}\r\n");
        Assert.Equal(3ul, model.NumErrors);
        Assert.Equal("error(0.1) D0 D1\nrepeat 2 {\n    error(0.2) D1\n}\n", model.ToString());
    }
}
