namespace Qec.Server.Load;

/// <summary>
/// Shots the simulated controller replays in a cycle: packed detection events and, when known,
/// the true observable flips (to count logical errors). Shot s of a run is pool shot s mod Count.
/// </summary>
/// <param name="DetectionEvents">Count × DetectorBytes bytes, b8.</param>
/// <param name="ObservableFlips">Count × ObservableBytes bytes, b8, or null.</param>
/// <param name="Count">Shots in the pool.</param>
/// <param name="DetectorBytes">Bytes per shot of detection events.</param>
/// <param name="ObservableBytes">Bytes per shot of observable flips.</param>
public sealed record ShotPool(byte[] DetectionEvents, byte[]? ObservableFlips, int Count, int DetectorBytes, int ObservableBytes)
{
    /// <summary>Detection events of pool shot <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Shot(long index) => DetectionEvents.AsSpan((int)(index % Count) * DetectorBytes, DetectorBytes);

    /// <summary>
    /// Compares <paramref name="count"/> predictions with the truth from run shot
    /// <paramref name="first"/> on; returns how many differ (0 without truth).
    /// </summary>
    public int Mismatches(long first, int count, ReadOnlySpan<byte> predictions)
    {
        if (ObservableFlips is null)
        {
            return 0;
        }
        int ob = ObservableBytes, errors = 0;
        for (int k = 0; k < count; k++)
        {
            int at = (int)((first + k) % Count) * ob;
            if (!predictions.Slice(k * ob, ob).SequenceEqual(ObservableFlips.AsSpan(at, ob)))
            {
                errors++;
            }
        }
        return errors;
    }
}
