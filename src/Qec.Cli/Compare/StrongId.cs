using System.Security.Cryptography;
using System.Text;

namespace Qec.Cli.Compare;

/// <summary>
/// The strong id of a task: lowercase hex SHA-256 of a canonical description that holds everything that
/// determines its statistics: the model's canonical DEM text, the decoder's label (its name and options,
/// device excepted: <see cref="DecoderSpec.Label"/>), the batch size (it fixes which shots each seed
/// produces) and the json_metadata (as sinter also hashes it, so the same model under two labels is two
/// tasks). Same inputs, same id on every machine; rows with the same id may be added up.
/// </summary>
public static class StrongId
{
    /// <summary>Version tag of the hashed layout: change it when the layout or the sampling scheme changes.</summary>
    public const string Scheme = "qecd-compare-v1";

    /// <summary>The id of (model text, decoder, batch size, metadata).</summary>
    public static string Compute(string canonicalDemText, string decoder, int batchShots, TaskMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(canonicalDemText);
        var text = new StringBuilder()
            .Append(Scheme).Append('\n')
            .Append("decoder=").Append(decoder).Append('\n')
            .Append("batch_shots=").Append(batchShots).Append('\n')
            .Append("json_metadata=").Append(metadata.ToJson()).Append('\n')
            .Append("dem=\n").Append(canonicalDemText);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
