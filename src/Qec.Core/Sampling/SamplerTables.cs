using Qec.Core.Dem;

namespace Qec.Core.Sampling;

/// <summary>
/// The compiled form of a model for <see cref="DemSampler"/>: mechanisms grouped by probability, and
/// each mechanism's net flips as one fixed-size record, so that applying a fired mechanism touches
/// one place in memory (one cache miss, not two through an offset table).
/// </summary>
/// <remarks>
/// Invariants: groups are numbered in order of first appearance of their probability in the model;
/// within a group mechanisms keep model order; mechanism j of group g has its record at
/// GroupRecordStart[g] + j·GroupStride[g]. A record is [count, target₁ … target_count] padded to the
/// stride when count &lt; stride; a mechanism with more targets has [~offset] (negative) pointing at
/// [count, targets…] in <see cref="Overflow"/>. A target ≥ 0 is a detector bit index, a target &lt; 0
/// is ~(observable index). Every target is in range (checked here once, so the sampling loop runs
/// unchecked). A detector or observable named an even number of times by one mechanism is dropped
/// (XOR), and mechanisms with p = 0 or no net flips are dropped (they never change the output).
/// </remarks>
internal sealed class SamplerTables
{
    /// <summary>Largest record: the count and up to seven targets (32 bytes).</summary>
    private const int MaxStride = 8;

    private SamplerTables(int[] groupSize, double[] groupSkipScale, int[] groupRecordStart, int[] groupStride,
        int[] records, int[] overflow)
    {
        GroupSize = groupSize;
        GroupSkipScale = groupSkipScale;
        GroupRecordStart = groupRecordStart;
        GroupStride = groupStride;
        Records = records;
        Overflow = overflow;
    }

    /// <summary>Number of mechanisms in each group (≥ 1).</summary>
    public int[] GroupSize { get; }

    /// <summary>
    /// 1 / (−ln(1 − p)) of each group: an Exponential(1) variate times this, rounded down, is a
    /// Geometric(p) number of failures. Zero when p = 1 (every trial succeeds).
    /// </summary>
    public double[] GroupSkipScale { get; }

    /// <summary>Offset in <see cref="Records"/> of each group's first record.</summary>
    public int[] GroupRecordStart { get; }

    /// <summary>Record size of each group, in ints (2 … 8).</summary>
    public int[] GroupStride { get; }

    /// <summary>The records of all mechanisms, group by group.</summary>
    public int[] Records { get; }

    /// <summary>[count, targets…] of mechanisms too long for their group's record.</summary>
    public int[] Overflow { get; }

    public static SamplerTables Build(FlatDetectorErrorModel model)
    {
        var groupOf = new Dictionary<double, int>();
        var groupProbabilities = new List<double>();
        var members = new List<List<int[]>>();
        var scratch = new List<int>(16);
        for (int error = 0; error < model.NumErrors; error++)
        {
            double p = model.Probability(error);
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException($"error {error} has probability {p}; a probability must lie in [0, 1]", nameof(model));
            }
            var targets = NetTargets(model, error, scratch);
            if (p == 0 || targets.Length == 0)
            {
                continue;
            }
            if (!groupOf.TryGetValue(p, out int group))
            {
                group = groupProbabilities.Count;
                groupOf.Add(p, group);
                groupProbabilities.Add(p);
                members.Add([]);
            }
            members[group].Add(targets);
        }

        int groups = groupProbabilities.Count;
        var groupSize = new int[groups];
        var skipScale = new double[groups];
        var recordStart = new int[groups];
        var stride = new int[groups];
        long recordInts = 0;
        for (int g = 0; g < groups; g++)
        {
            int longest = 0;
            foreach (var targets in members[g])
            {
                longest = Math.Max(longest, targets.Length);
            }
            groupSize[g] = members[g].Count;
            skipScale[g] = 1.0 / -LogOneMinus(groupProbabilities[g]);
            stride[g] = Math.Min(MaxStride, 1 + longest);
            recordStart[g] = (int)recordInts;
            recordInts += (long)groupSize[g] * stride[g];
            if (recordInts > Array.MaxLength)
            {
                throw new ArgumentException($"model too large to sample: its tables would need {recordInts} entries", nameof(model));
            }
        }

        var records = new int[recordInts];
        var overflow = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            int at = recordStart[g];
            foreach (var targets in members[g])
            {
                if (targets.Length < stride[g])
                {
                    records[at] = targets.Length;
                    targets.CopyTo(records, at + 1);
                }
                else
                {
                    records[at] = ~overflow.Count;
                    overflow.Add(targets.Length);
                    overflow.AddRange(targets);
                }
                at += stride[g];
            }
        }
        return new SamplerTables(groupSize, skipScale, recordStart, stride, records, overflow.ToArray());
    }

    /// <summary>ln(1 − p), accurate for tiny p: ln(1 − p) = −2·atanh(p / (2 − p)); −∞ at p = 1.</summary>
    internal static double LogOneMinus(double p) => -2 * Math.Atanh(p / (2 - p));

    /// <summary>The detectors and observables an error flips, each named an odd number of times.</summary>
    private static int[] NetTargets(FlatDetectorErrorModel model, int error, List<int> scratch)
    {
        scratch.Clear();
        foreach (var t in model.Targets(error))
        {
            int code;
            switch (t.Kind)
            {
                case DemTargetKind.Detector when t.Index < (ulong)model.NumDetectors:
                    code = (int)t.Index;
                    break;
                case DemTargetKind.Observable when t.Index < (ulong)model.NumObservables:
                    code = ~(int)t.Index;
                    break;
                case DemTargetKind.Separator:
                    continue;
                default:
                    throw new ArgumentException($"error {error} has target {t}, which a sampler cannot flip", nameof(model));
            }
            if (!scratch.Remove(code))
            {
                scratch.Add(code);
            }
        }
        return scratch.ToArray();
    }
}
