namespace Qec.Core.Decoding.Streaming;

/// <summary>
/// Sliding-window settings. A window spans <see cref="Window"/> rounds; after decoding it the first
/// <see cref="Commit"/> rounds are committed and the window slides by (at most) that many rounds.
/// Defaults: W = 3d and C = 2d, so the buffer after the commit region is W − C = d rounds (Skoric et al.,
/// arXiv:2209.08552, and Tan et al., arXiv:2209.09219, find a buffer of about d rounds enough to match
/// whole-shot accuracy). Committing 2d rounds per window rather than d decodes each event W/C = 1.5 times
/// instead of 3. Measured (bench/RESULTS.md, "Streaming (sliding window)"): at d = 5, 4× the p = 0.1%
/// noise, 6,000 shots of 101 rounds, W = 3d/C = 2d differs from whole-shot mwpm on 2 shots (825 errors
/// either way) while W = 4d/C = 2d differs on none, and it costs ≈ 30% less time per round at d = 11;
/// the latency after the last round is one decode of ≤ W rounds.
/// d is the <c>distance</c>
/// option, or estimated from the detectors of one bulk round as ⌈√(n + 1)⌉ (exact for the rotated
/// surface code, where n = d² − 1; pass <c>distance=</c> for other codes).
/// </summary>
/// <param name="Window">W, rounds per window (≥ 2).</param>
/// <param name="Commit">C, rounds committed per window (1 ≤ C &lt; W).</param>
/// <param name="DetectorsPerRound">Detectors per round when rounds are explicit; 0 = group detectors by the DEM's time coordinate (the last coordinate).</param>
public sealed record StreamingOptions(int Window, int Commit, int DetectorsPerRound = 0)
{
    /// <summary>Option key of W.</summary>
    public const string WindowKey = "window";

    /// <summary>Option key of C.</summary>
    public const string CommitKey = "commit";

    /// <summary>Option key of an explicit round size.</summary>
    public const string DetectorsPerRoundKey = "detectors_per_round";

    /// <summary>Option key of the code distance used for the defaults.</summary>
    public const string DistanceKey = "distance";

    /// <summary>Default W for distance d: 3d (at least 2).</summary>
    public static int DefaultWindow(int distance) => Math.Max(2, 3 * distance);

    /// <summary>Default C for distance d: 2d (at least 1).</summary>
    public static int DefaultCommit(int distance) => Math.Max(1, 2 * distance);

    /// <summary>Estimated distance of a code whose bulk rounds have <paramref name="detectorsPerRound"/> detectors: ⌈√(n + 1)⌉.</summary>
    public static int EstimateDistance(int detectorsPerRound) =>
        Math.Max(1, (int)Math.Ceiling(Math.Sqrt(detectorsPerRound + 1.0) - 1e-9));

    /// <summary>Reads window/commit/detectors_per_round/distance; missing W and C come from the distance.</summary>
    /// <param name="options">Decoder options.</param>
    /// <param name="estimatedDistance">Distance used when the options name none.</param>
    public static StreamingOptions From(DecoderOptions options, int estimatedDistance)
    {
        ArgumentNullException.ThrowIfNull(options);
        int d = options.GetInt(DistanceKey, estimatedDistance);
        var o = new StreamingOptions(options.GetInt(WindowKey, DefaultWindow(d)), options.GetInt(CommitKey, DefaultCommit(d)),
            options.GetInt(DetectorsPerRoundKey, 0));
        o.Validate();
        return o;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (Window < 2)
        {
            throw new ArgumentException($"streaming option {WindowKey}={Window}: a window needs at least 2 rounds");
        }
        if (Commit < 1 || Commit >= Window)
        {
            throw new ArgumentException($"streaming option {CommitKey}={Commit}: must be between 1 and {WindowKey}-1 = {Window - 1}");
        }
        if (DetectorsPerRound < 0)
        {
            throw new ArgumentException($"streaming option {DetectorsPerRoundKey}={DetectorsPerRound}: must be ≥ 1 (or 0 for the time coordinate)");
        }
    }
}
