using Qec.Matching.Mwpm;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>
/// Exactness against PyMatching v2 on the reference shot files: on every decoded shot our
/// weight_int must equal PyMatching's (no tolerance), and our logical-error count must equal
/// PyMatching's over the same shots. Predictions may differ only between equal-weight matchings;
/// such shots are counted and printed. Shots per file are capped here to keep the suite fast;
/// set QECD_FULL=1 to decode every shot of every file.
/// </summary>
public sealed class ReferenceWeightTests(ITestOutputHelper output)
{
    private static bool Full => Environment.GetEnvironmentVariable("QECD_FULL") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in ReferenceCase.ManifestNames())
        {
            data.Add(name);
        }
        if (data.Count == 0)
        {
            data.Add("(reference absent)");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightsEqualPyMatchingOnEveryShot(string name)
    {
        if (TestPaths.Reference is not { } root)
        {
            output.WriteLine("skipped: ../shared/reference is absent");
            return;
        }
        var c = ReferenceCase.Load(root, name);
        int cap = Full ? c.Shots : ShotCap(c);
        Check(c, cap, output);
    }

    [Fact]
    public void CommittedSmallCaseMatchesPyMatching()
    {
        var c = ReferenceCase.Load(TestPaths.Data("matching"), "sc_rmz_d03_r03_p0.003", flatLayout: true);
        Check(c, c.Shots, output);
    }

    /// <summary>Shots decoded per file in the quick suite: scaled down with the model size.</summary>
    private static int ShotCap(ReferenceCase c) => c.DetectorBytes switch
    {
        <= 16 => c.Shots,
        <= 128 => Math.Min(c.Shots, 1000),
        <= 1024 => Math.Min(c.Shots, 200),
        _ => Math.Min(c.Shots, 10),
    };

    internal static void Check(ReferenceCase c, int shots, ITestOutputHelper output)
    {
        var decoder = MwpmCompiledDecoder.FromDem(c.Dem).CreateDecoder();
        var obs = new byte[(decoder.NumObservables + 7) / 8];
        int ourErrors = 0, pmErrors = 0, predictionDiffs = 0;
        for (int s = 0; s < shots; s++)
        {
            long w = decoder.DecodeToIntegerWeight(c.Dets.AsSpan(s * c.DetectorBytes, c.DetectorBytes), obs);
            Assert.True(w == c.PmWeightInt[s], $"{c.Name} shot {s}: weight_int {w}, PyMatching {c.PmWeightInt[s]}");
            int ours = obs.Length > 0 ? obs[0] : 0;
            if (ours != c.TrueObs[s])
            {
                ourErrors++;
            }
            if (c.PmPrediction[s] != c.TrueObs[s])
            {
                pmErrors++;
            }
            if (ours != c.PmPrediction[s])
            {
                predictionDiffs++;
            }
        }
        output.WriteLine($"{c.Name}: {shots}/{c.Shots} shots, weights equal on all; logical errors ours {ourErrors}, " +
            $"PyMatching {pmErrors}; equal-weight shots with a different prediction: {predictionDiffs}");
        Assert.Equal(pmErrors, ourErrors);
    }
}
