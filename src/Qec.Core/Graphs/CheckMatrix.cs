using Qec.Core.Dem;

namespace Qec.Core.Graphs;

/// <summary>
/// The parity-check view of a detector error model for BP, tensor-network and neural decoders:
/// H (detectors × mechanisms), L (observables × mechanisms) and the prior probability of each
/// mechanism. One column per error instruction of the flattened model; '^' separators are ignored
/// (a decomposed error is one mechanism) and a target named twice cancels. Errors that flip nothing
/// or have p = 0 get no column. Immutable, built once per model.
/// </summary>
public sealed class CheckMatrix
{
    private readonly double[] _priors;

    private CheckMatrix(SparseBinaryMatrix detectors, SparseBinaryMatrix observables, double[] priors)
    {
        Detectors = detectors;
        Observables = observables;
        _priors = priors;
    }

    /// <summary>H: row d, column j set when mechanism j flips detector d.</summary>
    public SparseBinaryMatrix Detectors { get; }

    /// <summary>L: row k, column j set when mechanism j flips observable k.</summary>
    public SparseBinaryMatrix Observables { get; }

    /// <summary>Number of mechanisms (columns).</summary>
    public int NumMechanisms => _priors.Length;

    /// <summary>Prior probability of each mechanism.</summary>
    public ReadOnlySpan<double> Priors => _priors;

    /// <summary>Builds the matrices of a model.</summary>
    public static CheckMatrix From(DetectorErrorModel model) => From(model.Flatten());

    /// <summary>Builds the matrices of a flattened model.</summary>
    public static CheckMatrix From(FlatDetectorErrorModel model)
    {
        var detectorColumns = new List<int[]>(model.NumErrors);
        var observableColumns = new List<int[]>(model.NumErrors);
        var priors = new List<double>(model.NumErrors);
        var detectors = new SortedSet<int>();
        var observables = new SortedSet<int>();
        for (int error = 0; error < model.NumErrors; error++)
        {
            detectors.Clear();
            observables.Clear();
            foreach (var t in model.Targets(error))
            {
                var set = t.Kind switch
                {
                    DemTargetKind.Detector => detectors,
                    DemTargetKind.Observable => observables,
                    _ => null,
                };
                if (set is not null && !set.Remove((int)t.Index))
                {
                    set.Add((int)t.Index);
                }
            }
            if (model.Probability(error) == 0 || detectors.Count + observables.Count == 0)
            {
                continue;
            }
            detectorColumns.Add([.. detectors]);
            observableColumns.Add([.. observables]);
            priors.Add(model.Probability(error));
        }
        return new CheckMatrix(new SparseBinaryMatrix(model.NumDetectors, detectorColumns),
            new SparseBinaryMatrix(model.NumObservables, observableColumns), priors.ToArray());
    }
}
