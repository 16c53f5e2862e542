using System.Globalization;
using Qec.Core.Dem;

namespace Qec.Matching.Tests;

/// <summary>
/// One reference case (../shared/reference layout, or a copy of it under tests/data): the DEM, packed
/// detection events, true observable flips and PyMatching's prediction and weight per shot.
/// </summary>
internal sealed class UnionFindReferenceCase
{
    private UnionFindReferenceCase(string name, DetectorErrorModel model, byte[] detectionEvents, int detectorBytes,
        byte[][] actualObservables, byte[]?[] pmPredictions, double[] pmWeights, int shots)
    {
        Name = name;
        Model = model;
        DetectionEvents = detectionEvents;
        DetectorBytes = detectorBytes;
        ActualObservables = actualObservables;
        PmPredictions = pmPredictions;
        PmWeights = pmWeights;
        Shots = shots;
    }

    public string Name { get; }
    public DetectorErrorModel Model { get; }
    public byte[] DetectionEvents { get; }
    public int DetectorBytes { get; }
    public byte[][] ActualObservables { get; }

    /// <summary>PyMatching's predicted observable bits (packed), null where the file has no such line.</summary>
    public byte[]?[] PmPredictions { get; }

    /// <summary>PyMatching's matching weight in ln units (NaN where unknown).</summary>
    public double[] PmWeights { get; }
    public int Shots { get; }

    public ReadOnlySpan<byte> Shot(int s) => DetectionEvents.AsSpan(s * DetectorBytes, DetectorBytes);

    /// <summary>
    /// Loads <c>dems/NAME.dem</c>, <c>shots/NAME.dets.b8</c>, <c>shots/NAME.obs.01</c> and, when present,
    /// <c>pymatching/NAME.pm_weights.txt</c> under <paramref name="root"/>; at most <paramref name="maxShots"/> shots.
    /// </summary>
    public static UnionFindReferenceCase Load(string root, string name, int maxShots)
    {
        var model = DetectorErrorModel.Load(Path.Combine(root, "dems", name + ".dem"));
        int detectorBytes = (int)((model.NumDetectors + 7) / 8);
        int observableBytes = (int)Math.Max(1, (model.NumObservables + 7) / 8);
        string detsPath = Path.Combine(root, "shots", name + ".dets.b8");
        byte[] dets = File.ReadAllBytes(detsPath);
        if (dets.Length % detectorBytes != 0)
        {
            throw new InvalidDataException($"{detsPath}: {dets.Length} bytes is not a multiple of {detectorBytes} bytes per shot");
        }
        int shots = Math.Min(maxShots, dets.Length / detectorBytes);

        string obsPath = Path.Combine(root, "shots", name + ".obs.01");
        var obsLines = File.ReadLines(obsPath).Take(shots).ToArray();
        if (obsLines.Length < shots)
        {
            throw new InvalidDataException($"{obsPath}: {obsLines.Length} lines, expected {shots}");
        }
        var actual = new byte[shots][];
        for (int s = 0; s < shots; s++)
        {
            actual[s] = Parse01(obsLines[s], observableBytes, obsPath, s);
        }

        var pmPredictions = new byte[]?[shots];
        var pmWeights = new double[shots];
        Array.Fill(pmWeights, double.NaN);
        string pmPath = Path.Combine(root, "pymatching", name + ".pm_weights.txt");
        if (File.Exists(pmPath))
        {
            int s = 0;
            foreach (string line in File.ReadLines(pmPath))
            {
                if (s >= shots)
                {
                    break;
                }
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3)
                {
                    throw new InvalidDataException($"{pmPath} line {s + 1}: expected 'bits weight_int weight', got '{line}'");
                }
                pmPredictions[s] = Parse01(parts[0], observableBytes, pmPath, s);
                pmWeights[s] = double.Parse(parts[2], CultureInfo.InvariantCulture);
                s++;
            }
        }
        return new UnionFindReferenceCase(name, model, dets, detectorBytes, actual, pmPredictions, pmWeights, shots);
    }

    private static byte[] Parse01(string text, int bytes, string path, int shot)
    {
        var packed = new byte[bytes];
        for (int k = 0; k < text.Length; k++)
        {
            if (text[k] == '1')
            {
                packed[k >> 3] |= (byte)(1 << (k & 7));
            }
            else if (text[k] != '0')
            {
                throw new InvalidDataException($"{path} shot {shot}: character '{text[k]}' at column {k + 1} is not 0 or 1");
            }
        }
        return packed;
    }
}
