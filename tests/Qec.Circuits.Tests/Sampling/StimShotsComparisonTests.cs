using System.Numerics;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Sampling;

/// <summary>
/// Our circuit samples against Stim's own <c>stim detect</c> shots of the same circuit
/// (../shared/reference/shots; skipped when the reference data is absent): every detector marginal,
/// every pairwise joint frequency P(Dᵢ ∧ Dⱼ) and the observable marginal agree within 5σ of the
/// two-sample difference of proportions.
/// </summary>
public sealed class StimShotsComparisonTests
{
    [Theory]
    [InlineData("sc_rmz_d05_r05_p0.005", 120, 100_000)]
    [InlineData("sc_rmz_d03_r03_p0.007", 24, 100_000)]
    public void MarginalsAndPairsAgreeWithStimsShots(string name, int detectors, int shots)
    {
        if (TestPaths.ReferenceFile("shots/" + name + ".dets.b8") is not { } stimFile || !File.Exists(stimFile))
        {
            return;
        }
        var circuit = Circuit.Load(TestPaths.ReferenceFile("circuits/" + name + ".stim")!);
        var sampler = new CircuitSampler(circuit);
        Assert.Equal(detectors, sampler.NumDetectors);
        var ours = Columns(sampler.Sample(shots, 2024).DetectionEvents, detectors, shots);
        byte[] stimBytes = File.ReadAllBytes(stimFile);
        int stimShots = stimBytes.Length / sampler.DetectorBytesPerShot;
        var theirs = Columns(stimBytes, detectors, stimShots);
        for (int i = 0; i < detectors; i++)
        {
            for (int j = i; j < detectors; j++)
            {
                AssertClose(Joint(ours[i], ours[j]), shots, Joint(theirs[i], theirs[j]), stimShots, $"{name}: D{i} ∧ D{j}");
            }
        }
        var stimObs = File.ReadAllLines(TestPaths.ReferenceFile("shots/" + name + ".obs.01")!).Count(l => l == "1");
        var ourObs = sampler.Sample(shots, 2024).ObservableFlips.Count(b => (b & 1) == 1);
        AssertClose(ourObs, shots, stimObs, stimShots, $"{name}: L0");
    }

    private static ulong[][] Columns(byte[] b8, int detectors, int shots)
    {
        int bytesPerShot = (detectors + 7) >> 3;
        var columns = new ulong[detectors][];
        for (int k = 0; k < detectors; k++)
        {
            columns[k] = new ulong[(shots + 63) >> 6];
        }
        for (int s = 0; s < shots; s++)
        {
            for (int k = 0; k < detectors; k++)
            {
                if (((b8[s * bytesPerShot + (k >> 3)] >> (k & 7)) & 1) != 0)
                {
                    columns[k][s >> 6] |= 1UL << (s & 63);
                }
            }
        }
        return columns;
    }

    private static int Joint(ulong[] a, ulong[] b)
    {
        int count = 0;
        for (int w = 0; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & b[w]);
        }
        return count;
    }

    private static void AssertClose(int countA, int shotsA, int countB, int shotsB, string what)
    {
        double pooled = (countA + countB) / (double)(shotsA + shotsB);
        double sigma = Math.Sqrt(pooled * (1 - pooled) * (1.0 / shotsA + 1.0 / shotsB));
        double difference = Math.Abs(countA / (double)shotsA - countB / (double)shotsB);
        Assert.True(difference <= 5 * sigma + 1e-12,
            $"{what}: ours {countA}/{shotsA}, Stim {countB}/{shotsB} ({difference / Math.Max(sigma, 1e-300):F1}σ)");
    }
}
