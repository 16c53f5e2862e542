using System.Text;
using Qec.Core.Dem;

namespace Qec.Cli.Compare;

/// <summary>A model to sample, with the metadata that describes it (d, p, rounds, noise, family, …).</summary>
/// <param name="Model">The detector error model.</param>
/// <param name="Metadata">Its json_metadata.</param>
public sealed record CodeCase(DetectorErrorModel Model, TaskMetadata Metadata);

/// <summary>
/// One task of a sweep: a model decoded by one decoder. Its <see cref="StrongId"/> names its rows in the
/// CSV; batches of shots are seeded from it.
/// </summary>
public sealed class SweepTask
{
    /// <summary>Builds the task of <paramref name="code"/> with <paramref name="decoder"/>.</summary>
    public SweepTask(CodeCase code, DecoderSpec decoder, int batchShots)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(decoder);
        Model = code.Model;
        Metadata = code.Metadata;
        Decoder = decoder;
        StrongId = Compare.StrongId.Compute(code.Model.ToString(), decoder.Label, batchShots, code.Metadata);
        Label = DescribeTask(decoder.Label, code.Metadata);
    }

    /// <summary>The model.</summary>
    public DetectorErrorModel Model { get; }

    /// <summary>The json_metadata of every row of the task.</summary>
    public TaskMetadata Metadata { get; }

    /// <summary>The decoder and its options (its <see cref="DecoderSpec.Label"/> is the CSV's decoder column).</summary>
    public DecoderSpec Decoder { get; }

    /// <summary>The task's strong id.</summary>
    public string StrongId { get; }

    /// <summary>A short human label, e.g. "mwpm surface phenomenological d=5 p=0.01 r=5".</summary>
    public string Label { get; }

    /// <summary>
    /// A label from a decoder name and metadata: the decoder, family, noise, then the other keys as
    /// key=value; the file name only when the metadata has no distance (it would repeat d, r and p).
    /// </summary>
    public static string DescribeTask(string decoder, TaskMetadata metadata)
    {
        var text = new StringBuilder(decoder);
        string[] leading = metadata.Contains("d") ? ["family", "noise"] : ["family", "noise", "name"];
        foreach (string key in leading)
        {
            if (metadata.GetText(key) is { } value)
            {
                text.Append(' ').Append(value);
            }
        }
        foreach (string key in metadata.Keys)
        {
            if (key is not ("family" or "noise" or "name"))
            {
                text.Append(' ').Append(key == "rounds" ? "r" : key).Append('=').Append(metadata.GetText(key));
            }
        }
        return text.ToString();
    }
}
