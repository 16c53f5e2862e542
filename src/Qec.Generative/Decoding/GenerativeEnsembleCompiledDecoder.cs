using System.Numerics;
using Qec.Core.Decoding;

namespace Qec.Generative.Decoding;

/// <summary>
/// The <c>gen</c> decoder over an ensemble of independently trained networks (<c>model=a.st+b.st+…</c>): the class
/// probabilities are the members' average, P(c | s) = (1/M) Σ_m q_m(c | s), each member scoring the absolute class
/// through its own base decoder (members may have different bases or none). Averaging members trained from different
/// seeds lowers the variance of q where training shots were rare (Lakshminarayanan et al., NeurIPS 2017, "deep
/// ensembles"). Exact search over the 2^k classes; CPU only.
/// </summary>
public sealed class GenerativeEnsembleCompiledDecoder<T> : ICompiledDecoder, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps the members, compiled for the same DEM with exact search.</summary>
    public GenerativeEnsembleCompiledDecoder(IReadOnlyList<GenerativeCompiledDecoder<T>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2)
        {
            throw new ArgumentException("gen: an ensemble needs at least two models");
        }
        foreach (var member in members)
        {
            if (member.NumDetectors != members[0].NumDetectors || member.NumObservables != members[0].NumObservables)
            {
                throw new ArgumentException("gen: the ensemble's models were compiled for different DEMs");
            }
        }
        Members = members;
    }

    /// <summary>The members.</summary>
    public IReadOnlyList<GenerativeCompiledDecoder<T>> Members { get; }

    /// <inheritdoc/>
    public string Name => GenerativeDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors => Members[0].NumDetectors;

    /// <inheritdoc/>
    public int NumObservables => Members[0].NumObservables;

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <summary>A fresh decoder with one workspace per member.</summary>
    public GenerativeEnsembleDecoder<T> CreateDecoder() => new(this);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }
}
