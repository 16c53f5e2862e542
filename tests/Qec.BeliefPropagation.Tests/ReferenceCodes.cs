using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.BeliefPropagation.Tests;

/// <summary>
/// The bivariate-bicycle codes of ../shared/reference/bp as DEMs built straight from the reference
/// files (H_Z columns as mechanisms, the reference L as observables), so the reference shots' observables
/// apply as they are; and their shots.
/// </summary>
internal static class ReferenceCodes
{
    /// <summary>The code-capacity DEM of "bb72" or "bb144" from H_Z and L text in <paramref name="folder"/>.</summary>
    public static DetectorErrorModel Load(string folder, string code, double p)
    {
        var hz = ReadRows(Path.Combine(folder, code + "_HZ.txt"));
        var l = ReadRows(Path.Combine(folder, code + "_L.txt"));
        int n = hz[0].Length;
        var columns = Enumerable.Range(0, n).Select(q => Enumerable.Range(0, hz.Length).Where(r => hz[r][q]).ToArray()).ToList();
        var observables = Enumerable.Range(0, n).Select(q => Enumerable.Range(0, l.Length).Where(k => l[k][q]).ToArray()).ToList();
        return TestCodes.Dem(hz.Length, columns, Enumerable.Repeat(p, n).ToList(), observables);
    }

    /// <summary>Detection events (b8) and true observables (b8-packed, from the 01 file) of a shot file pair.</summary>
    public static (byte[] Dets, byte[] Obs, int Shots) Shots(string detsPath, string obsPath, int detectorBytes)
    {
        var dets = File.ReadAllBytes(detsPath);
        var lines = File.ReadAllLines(obsPath);
        int shots = dets.Length / detectorBytes, ob = (lines[0].Length + 7) >> 3;
        var obs = new byte[shots * ob];
        for (int s = 0; s < shots; s++)
        {
            for (int k = 0; k < lines[s].Length; k++)
            {
                if (lines[s][k] == '1')
                {
                    obs[s * ob + (k >> 3)] |= (byte)(1 << (k & 7));
                }
            }
        }
        return (dets, obs, shots);
    }

    /// <summary>The reference shot files present: (code, p, folder) for the full reference, empty when it is absent.</summary>
    public static IEnumerable<(string Code, double P, string Folder)> FullReference()
    {
        if (TestPaths.ReferenceFile("bp") is not { } folder || !Directory.Exists(folder))
        {
            yield break;
        }
        foreach (string code in new[] { "bb72", "bb144" })
        {
            foreach (double p in new[] { 0.01, 0.02, 0.03, 0.04, 0.05 })
            {
                yield return (code, p, folder);
            }
        }
    }

    private static bool[][] ReadRows(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => line.Select(ch => ch == '1').ToArray())];
}
