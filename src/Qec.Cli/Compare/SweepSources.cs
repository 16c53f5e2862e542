using Qec.Core.Decoding;

namespace Qec.Cli.Compare;

/// <summary>Builds the tasks of a sweep from <c>--gen</c>/<c>--dems</c> and <c>--decoders</c>.</summary>
public static class SweepSources
{
    /// <summary>
    /// The models named by the options: <paramref name="gen"/> specs first, then <paramref name="dems"/> files
    /// (or <paramref name="circuits"/>, Stim circuits analyzed once each, never both) with their metadata
    /// (<paramref name="demMetadata"/>: none when null; it needs files). Notes (a refused decomposition) go to <paramref name="notes"/>.
    /// </summary>
    public static List<CodeCase> Models(string[]? gen, string[]? dems, DemMetadataOptions? demMetadata = null,
        string[]? circuits = null, TextWriter? notes = null)
    {
        demMetadata ??= DemMetadataOptions.None;
        if (dems is { Length: > 0 } && circuits is { Length: > 0 })
        {
            throw new ArgumentException("give either --dems or --circuits, not both");
        }
        dems = circuits is { Length: > 0 } ? circuits : dems;
        if (!demMetadata.IsNone && dems is not { Length: > 0 })
        {
            throw new ArgumentException("--name-pattern, --metadata and --sidecars describe --dems files (or --circuits files): give --dems GLOB or --circuits GLOB");
        }
        var cases = new List<CodeCase>();
        foreach (string spec in gen ?? [])
        {
            cases.AddRange(GenSpec.Generate(spec));
        }
        foreach (string file in dems is { Length: > 0 } ? DemFiles.Expand(dems) : [])
        {
            cases.Add(DemFiles.Load(file, demMetadata, notes ?? TextWriter.Null));
        }
        if (cases.Count == 0)
        {
            throw new ArgumentException("no models: give --gen SPEC, --dems GLOB or --circuits GLOB");
        }
        return cases;
    }

    /// <summary>The decoders of <c>--decoders</c> (<see cref="DecoderSpec.ParseList"/>).</summary>
    public static List<DecoderSpec> Decoders(DecoderRegistry registry, string list) => DecoderSpec.ParseList(registry, list);

    /// <summary>Every model with every decoder (model-major), each strong id once (entries that differ only in <c>device</c> share one).</summary>
    public static List<SweepTask> Tasks(IEnumerable<CodeCase> models, IReadOnlyList<DecoderSpec> decoders, int batchShots)
    {
        var tasks = new List<SweepTask>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            foreach (var decoder in decoders)
            {
                var task = new SweepTask(model, decoder, batchShots);
                if (seen.Add(task.StrongId))
                {
                    tasks.Add(task);
                }
            }
        }
        return tasks;
    }
}
