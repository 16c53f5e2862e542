using System.Numerics;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Gpu;
using Qec.Generative.Gpu;

namespace Qec.Generative.Decoding;

/// <summary>
/// The <c>gen</c> decoder: an autoregressive network q(ℓ | s) over the k logical bits conditioned on the syndrome,
/// trained from sampled (syndrome, logical) pairs by <c>qecd train gen</c> (qecGPT, arXiv 2307.09025). A model trained
/// with a base decoder (<c>gen.base</c> = e.g. <c>mwpm</c>) predicts the residual flip of that decoder's answer; the base
/// is looked up in <paramref name="bases"/> when the model is compiled. Several weights files (<c>model=a.st+b.st</c>)
/// make an ensemble (<see cref="GenerativeEnsembleCompiledDecoder{T}"/>).
/// </summary>
/// <param name="bases">The registry that holds the base decoders a model may name (the application's registry).</param>
public sealed class GenerativeDecoderFactory(DecoderRegistry bases) : IDecoderFactory
{
    /// <summary>The registry name.</summary>
    public const string DecoderName = "gen";

    /// <inheritdoc/>
    public string Name => DecoderName;

    /// <inheritdoc/>
    public string Description => "autoregressive neural decoder q(logicals | syndrome) trained by 'qecd train gen' (needs model=PATH, or model=a.st+b.st for an ensemble; exact argmax for k <= 4, else greedy)";

    /// <inheritdoc/>
    public ICompiledDecoder Compile(DetectorErrorModel model, DecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = GenerativeOptions.Parse(options);
        return parsed.DoublePrecision ? Compile<double>(model, parsed) : Compile<float>(model, parsed);
    }

    private ICompiledDecoder Compile<T>(DetectorErrorModel model, GenerativeOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = (int)model.NumObservables;
        if (!options.IsEnsemble)
        {
            var accelerator = ComputeDevices.Open(options.Device, DecoderName);
            return CompileModel<T>(model, options.ModelPaths[0], options.SearchFor(k), accelerator, null);
        }
        if (k > GenerativeOptions.ExactLimit)
        {
            throw new ArgumentException($"gen: an ensemble scores all 2^k classes; k = {k} is above the limit {GenerativeOptions.ExactLimit}");
        }
        var members = new List<GenerativeCompiledDecoder<T>>();
        var sharedBases = new Dictionary<string, ICompiledDecoder?>(StringComparer.Ordinal);
        try
        {
            foreach (string path in options.ModelPaths)
            {
                members.Add(CompileModel<T>(model, path, ClassSearch.Exact, null, sharedBases));
            }
            return new GenerativeEnsembleCompiledDecoder<T>(members);
        }
        catch
        {
            members.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>
    /// One weights file with the base decoder it names, on the CPU or (batches) on <paramref name="accelerator"/>; an
    /// ensemble passes <paramref name="sharedBases"/> so that members naming the same base spec share its compiled decoder.
    /// </summary>
    private GenerativeCompiledDecoder<T> CompileModel<T>(DetectorErrorModel model, string path, ClassSearch search, GpuAccelerator? accelerator,
        Dictionary<string, ICompiledDecoder?>? sharedBases) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = GenerativeModelFile.Load<T>(path, model, out string baseName, out _);
        if (sharedBases is null || !sharedBases.TryGetValue(baseName, out var baseDecoder))
        {
            baseDecoder = BaseDecoderSpec.Compile(bases, baseName, model, $"gen: model file '{path}' corrects base decoder '{baseName}'");
            sharedBases?.Add(baseName, baseDecoder);
        }
        var gpu = accelerator is null ? null : new GpuGenerativeBatch<T>(network, accelerator);
        return new GenerativeCompiledDecoder<T>(network, (int)model.NumDetectors, (int)model.NumObservables, baseDecoder, search, gpu);
    }
}
