namespace Qec.Cli.Compare;

/// <summary>
/// Merges statistics rows by strong id, as <c>sinter combine</c> does: shots, errors, discards and
/// seconds are summed; decoder and json_metadata must agree (they are part of what the id hashes).
/// The result keeps the order in which each id first appears.
/// </summary>
public static class StatsCombiner
{
    /// <summary>One row per strong id, the sum of all rows with that id.</summary>
    public static List<StatsRow> Combine(IEnumerable<StatsRow> rows)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var combined = new List<StatsRow>();
        foreach (var row in rows)
        {
            if (index.TryGetValue(row.StrongId, out int i))
            {
                combined[i] = combined[i].Plus(row);
            }
            else
            {
                index[row.StrongId] = combined.Count;
                combined.Add(row);
            }
        }
        return combined;
    }

    /// <summary>Totals per strong id (for resuming a sweep).</summary>
    public static Dictionary<string, StatsRow> ById(IEnumerable<StatsRow> rows)
    {
        var byId = new Dictionary<string, StatsRow>(StringComparer.Ordinal);
        foreach (var row in Combine(rows))
        {
            byId[row.StrongId] = row;
        }
        return byId;
    }
}
