namespace Qec.Cli.Compare;

/// <summary>
/// What <c>--dems</c> files get as metadata beyond what their names say (<see cref="DemFiles.MetadataFromName"/>):
/// <c>--name-pattern</c>, a <c>NAME.json</c> sidecar next to each <c>NAME.dem</c> (<c>--sidecars</c>) and
/// <c>--metadata key=value</c>. Later sources win: file name, then pattern, then sidecar, then
/// <c>--metadata</c>. Metadata is part of a task's strong id, so adding or changing any of them makes new
/// tasks: rows already in the CSV under the old metadata are not resumed.
/// </summary>
/// <param name="Pattern">The <c>--name-pattern</c>, or null.</param>
/// <param name="Extra">The <c>--metadata</c> pairs, set on every file.</param>
/// <param name="Sidecars">Whether to merge <c>NAME.json</c> (a flat JSON object, required for every file).</param>
public sealed record DemMetadataOptions(NamePattern? Pattern, TaskMetadata Extra, bool Sidecars)
{
    /// <summary>Metadata from the file names only.</summary>
    public static DemMetadataOptions None { get; } = new(null, TaskMetadata.Empty, false);

    /// <summary>True when no option adds metadata.</summary>
    public bool IsNone => Pattern is null && !Sidecars && Extra.Equals(TaskMetadata.Empty);

    /// <summary>
    /// The options from the command line; <paramref name="metadata"/> items must look like <c>key=value</c>
    /// (the value as in <see cref="TaskMetadata.WithParsed"/>; <c>r</c> is written as <c>rounds</c>).
    /// </summary>
    public static DemMetadataOptions Parse(string? pattern, IEnumerable<string>? metadata, bool sidecars)
    {
        var extra = TaskMetadata.Empty;
        foreach (string pair in metadata ?? [])
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0 || pair[..eq].Trim().Length == 0)
            {
                throw new ArgumentException($"--metadata '{pair}' must look like key=value");
            }
            string key = pair[..eq].Trim();
            extra = extra.WithParsed(key == "r" ? "rounds" : key, pair[(eq + 1)..].Trim());
        }
        return new DemMetadataOptions(pattern is null ? null : NamePattern.Parse(pattern), extra, sidecars);
    }

    /// <summary>The metadata of the file at <paramref name="path"/>, starting from what its name says.</summary>
    public TaskMetadata Apply(string path, TaskMetadata fromName)
    {
        var metadata = fromName;
        if (Pattern is not null)
        {
            metadata = Pattern.Apply(Path.GetFileNameWithoutExtension(path), metadata, path);
        }
        if (Sidecars)
        {
            string sidecar = Path.ChangeExtension(path, ".json");
            if (!File.Exists(sidecar))
            {
                throw new FileNotFoundException($"--sidecars: no metadata file {Path.GetFullPath(sidecar)} for {path}");
            }
            metadata = metadata.Merge(TaskMetadata.Parse(File.ReadAllText(sidecar), sidecar));
        }
        return metadata.Merge(Extra);
    }
}
