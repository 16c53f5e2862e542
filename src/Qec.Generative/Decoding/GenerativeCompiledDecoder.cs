using System.Numerics;
using Qec.Core.Decoding;
using Qec.Generative.Gpu;
using Qec.Generative.Models;

namespace Qec.Generative.Decoding;

/// <summary>
/// The <c>gen</c> decoder compiled for one model: the trained network q(ℓ | s) (read-only, shared by every
/// <see cref="GenerativeDecoder{T}"/> made from it), the base decoder it corrects (or none) and, with option
/// <c>device</c>, the batch path on an ILGPU accelerator.
/// </summary>
public sealed class GenerativeCompiledDecoder<T> : ICompiledDecoder, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps a trained network; <paramref name="baseDecoder"/> is null for a model without a base.</summary>
    public GenerativeCompiledDecoder(MadeNetwork<T> model, int detectors, int observables, ICompiledDecoder? baseDecoder,
        ClassSearch search, GpuGenerativeBatch<T>? gpu = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        int condition = detectors + (baseDecoder is null ? 0 : observables);
        if (model.Variables != observables || model.ConditionSize != condition)
        {
            throw new ArgumentException($"gen: the network has {model.Variables} variables and {model.ConditionSize} condition bits; " +
                                        $"{detectors} detectors and {observables} observables{(baseDecoder is null ? "" : " with a base decoder")} need {observables} and {condition}");
        }
        if (search == ClassSearch.Exact && observables > GenerativeOptions.ExactLimit)
        {
            throw new ArgumentException($"gen: search=exact scores 2^k classes; k = {observables} is above the limit {GenerativeOptions.ExactLimit}: use search=greedy");
        }
        Model = model;
        NumDetectors = detectors;
        NumObservables = observables;
        Base = baseDecoder;
        Search = search;
        Gpu = gpu;
    }

    /// <summary>The network.</summary>
    public MadeNetwork<T> Model { get; }

    /// <summary>The base decoder whose prediction the network corrects, or null.</summary>
    public ICompiledDecoder? Base { get; }

    /// <summary>How classes are chosen.</summary>
    public ClassSearch Search { get; }

    /// <summary>True when a shot is decoded by one greedy pass (greedy search, or k = 1 where greedy is exact).</summary>
    public bool OnePass => Search == ClassSearch.Greedy || NumObservables == 1;

    /// <summary>The batch path on an accelerator, or null.</summary>
    public GpuGenerativeBatch<T>? Gpu { get; }

    /// <inheritdoc/>
    public string Name => GenerativeDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors { get; }

    /// <inheritdoc/>
    public int NumObservables { get; }

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <summary>A fresh decoder with its own workspace (and its own base decoder instance).</summary>
    public GenerativeDecoder<T> CreateDecoder() => new(this);

    /// <summary>A decoder for an ensemble, which decodes the shared base itself and passes its prediction in.</summary>
    internal GenerativeDecoder<T> CreateMemberDecoder() => new(this, ownBase: false);

    /// <inheritdoc/>
    public void Dispose()
    {
        Gpu?.Dispose();
        (Base as IDisposable)?.Dispose();
    }
}
