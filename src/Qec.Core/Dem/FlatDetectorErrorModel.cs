using System.Collections.Immutable;

namespace Qec.Core.Dem;

/// <summary>
/// A detector error model with repeat blocks expanded and detector shifts applied: every error's
/// targets carry absolute detector indices. Stored as flat arrays (one span of targets per error).
/// </summary>
public sealed class FlatDetectorErrorModel
{
    private readonly double[] _probabilities;
    private readonly int[] _targetStart;
    private readonly DemTarget[] _targets;
    private readonly double[]?[] _coordinates;

    private FlatDetectorErrorModel(int numDetectors, int numObservables, double[] probabilities, int[] targetStart,
        DemTarget[] targets, double[]?[] coordinates)
    {
        NumDetectors = numDetectors;
        NumObservables = numObservables;
        _probabilities = probabilities;
        _targetStart = targetStart;
        _targets = targets;
        _coordinates = coordinates;
    }

    /// <summary>Number of detectors.</summary>
    public int NumDetectors { get; }

    /// <summary>Number of logical observables.</summary>
    public int NumObservables { get; }

    /// <summary>Number of error mechanisms.</summary>
    public int NumErrors => _probabilities.Length;

    /// <summary>Probability of error <paramref name="error"/>.</summary>
    public double Probability(int error) => _probabilities[error];

    /// <summary>Targets of an error with absolute detector indices, separators kept.</summary>
    public ReadOnlySpan<DemTarget> Targets(int error) =>
        _targets.AsSpan(_targetStart[error], _targetStart[error + 1] - _targetStart[error]);

    /// <summary>Coordinates of a detector with all shifts applied, or empty when none was declared.</summary>
    public ReadOnlySpan<double> DetectorCoordinates(int detector) => _coordinates[detector];

    internal static FlatDetectorErrorModel From(DetectorErrorModel model, long maxErrors)
    {
        var counts = model.Counts;
        if (counts.NumErrors > (ulong)maxErrors || counts.NumDetectors > int.MaxValue || counts.NumObservables > int.MaxValue)
        {
            throw new InvalidOperationException(
                $"model too large to flatten: {counts.NumErrors} errors and {counts.NumDetectors} detectors " +
                $"(limit {maxErrors} errors); decode it round by round instead");
        }
        var builder = new Builder((int)counts.NumDetectors, (int)counts.NumErrors);
        builder.Walk(model.Instructions);
        return new FlatDetectorErrorModel((int)counts.NumDetectors, (int)counts.NumObservables,
            builder.Probabilities.ToArray(), builder.TargetStart.ToArray(), builder.Targets.ToArray(), builder.Coordinates);
    }

    private sealed class Builder(int numDetectors, int numErrors)
    {
        public readonly List<double> Probabilities = new(numErrors);
        public readonly List<int> TargetStart = new(numErrors + 1) { 0 };
        public readonly List<DemTarget> Targets = new(numErrors * 3);
        public readonly double[]?[] Coordinates = new double[]?[numDetectors];
        private ulong _detectorOffset;
        private double[] _coordinateOffset = [];

        public void Walk(ImmutableArray<DemInstruction> block)
        {
            foreach (var instruction in block)
            {
                switch (instruction)
                {
                    case DemError e:
                        Probabilities.Add(e.Probability);
                        foreach (var t in e.Targets)
                        {
                            Targets.Add(t.Kind == DemTargetKind.Detector ? DemTarget.Detector(t.Index + _detectorOffset) : t);
                        }
                        TargetStart.Add(Targets.Count);
                        break;
                    case DemDetector d:
                        foreach (var t in d.Targets)
                        {
                            var coords = new double[d.Coordinates.Length];
                            for (int k = 0; k < coords.Length; k++)
                            {
                                coords[k] = d.Coordinates[k] + (k < _coordinateOffset.Length ? _coordinateOffset[k] : 0);
                            }
                            Coordinates[(int)(t.Index + _detectorOffset)] = coords;
                        }
                        break;
                    case DemLogicalObservable:
                        break;
                    case DemShiftDetectors s:
                        _detectorOffset += s.DetectorShift;
                        if (s.CoordinateShift.Length > _coordinateOffset.Length)
                        {
                            Array.Resize(ref _coordinateOffset, s.CoordinateShift.Length);
                        }
                        for (int k = 0; k < s.CoordinateShift.Length; k++)
                        {
                            _coordinateOffset[k] += s.CoordinateShift[k];
                        }
                        break;
                    case DemRepeat r:
                        for (ulong i = 0; i < r.Count; i++)
                        {
                            Walk(r.Body);
                        }
                        break;
                    default:
                        throw new InvalidOperationException($"unknown DEM instruction {instruction.GetType().Name}");
                }
            }
        }
    }
}
