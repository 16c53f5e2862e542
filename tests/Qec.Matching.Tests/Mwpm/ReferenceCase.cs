using System.Globalization;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Matching.Tests.Mwpm;

/// <summary>One reference case: a DEM, its b8 shots, true observables and PyMatching's decoding of each shot.</summary>
internal sealed record ReferenceCase(string Name, DetectorErrorModel Dem, byte[] Dets, int Shots, int DetectorBytes,
    int[] PmPrediction, long[] PmWeightInt, int[] TrueObs)
{
    /// <summary>Case names listed in ../shared/reference/manifest.csv (empty when the reference is absent).</summary>
    public static IEnumerable<string> ManifestNames()
    {
        string? manifest = TestPaths.ReferenceFile("manifest.csv");
        if (manifest is null || !File.Exists(manifest))
        {
            yield break;
        }
        foreach (string line in File.ReadLines(manifest).Skip(1))
        {
            string name = line.Split(',')[0];
            if (File.Exists(TestPaths.ReferenceFile($"pymatching/{name}.pm_weights.txt")!))
            {
                yield return name;
            }
        }
    }

    /// <summary>Loads a case from a folder layout (dems/, shots/, pymatching/) rooted at <paramref name="root"/>.</summary>
    public static ReferenceCase Load(string root, string name, bool flatLayout = false)
    {
        string P(string sub, string file) => flatLayout ? Path.Combine(root, file) : Path.Combine(root, sub, file);
        var dem = DetectorErrorModel.Load(P("dems", name + ".dem"));
        byte[] dets = File.ReadAllBytes(P("shots", name + ".dets.b8"));
        var pmLines = File.ReadAllLines(P("pymatching", name + ".pm_weights.txt"));
        var obsLines = File.ReadAllLines(P("shots", name + ".obs.01"));
        int db = (int)((dem.NumDetectors + 7) / 8);
        int shots = pmLines.Length;
        if (dets.Length != shots * db || obsLines.Length < shots)
        {
            throw new InvalidDataException($"{name}: {dets.Length} detection bytes and {obsLines.Length} observable lines for {shots} shots of {db} bytes");
        }
        var pred = new int[shots];
        var wint = new long[shots];
        var obs = new int[shots];
        for (int s = 0; s < shots; s++)
        {
            var parts = pmLines[s].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            pred[s] = ParseBits(parts[0]);
            wint[s] = long.Parse(parts[1], CultureInfo.InvariantCulture);
            obs[s] = ParseBits(obsLines[s]);
        }
        return new ReferenceCase(name, dem, dets, shots, db, pred, wint, obs);
    }

    /// <summary>Observable bits as written by Stim/PyMatching ('0'/'1' characters, observable 0 first) packed into an int.</summary>
    private static int ParseBits(string text)
    {
        int v = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '1')
            {
                v |= 1 << i;
            }
        }
        return v;
    }
}
