namespace Qec.Core.Formats;

/// <summary>
/// The bits of one shot: <see cref="NumDetectors"/> detection events first, then
/// <see cref="NumObservables"/> observable flips (bit <c>NumDetectors + k</c> is observable k). A file of
/// detection events alone is (n, 0); a file of observable flips alone is (0, k), which the
/// <c>dets</c> format writes with the <c>L</c> prefix as Stim does.
/// </summary>
/// <param name="NumDetectors">Detectors per shot, at least 0.</param>
/// <param name="NumObservables">Observables per shot, at least 0.</param>
public readonly record struct ShotLayout(int NumDetectors, int NumObservables)
{
    /// <summary>Detectors per shot; the first bits of the shot.</summary>
    public int NumDetectors { get; } = NumDetectors >= 0 && (long)NumDetectors + NumObservables <= int.MaxValue
        ? NumDetectors
        : throw new ArgumentOutOfRangeException(nameof(NumDetectors), NumDetectors, "detector count must be at least 0 and detectors + observables must fit in an int");

    /// <summary>Observables per shot; the bits after the detectors.</summary>
    public int NumObservables { get; } = NumObservables >= 0
        ? NumObservables
        : throw new ArgumentOutOfRangeException(nameof(NumObservables), NumObservables, "observable count must be at least 0");

    /// <summary>Bits in one shot: detectors + observables.</summary>
    public int BitsPerShot => NumDetectors + NumObservables;

    /// <summary>Bytes of one b8-packed shot: ceil(<see cref="BitsPerShot"/> / 8).</summary>
    public int BytesPerShot => (int)(((long)BitsPerShot + 7) >> 3);

    /// <summary>Layout of a file holding only detection events.</summary>
    public static ShotLayout Detectors(int numDetectors) => new(numDetectors, 0);

    /// <summary>Layout of a file holding only observable flips.</summary>
    public static ShotLayout Observables(int numObservables) => new(0, numObservables);

    /// <inheritdoc/>
    public override string ToString() => $"{NumDetectors} detectors + {NumObservables} observables";
}
