namespace Qec.Core.Sampling;

/// <summary>
/// Receives one batch of <see cref="DemSampler.SampleBatches"/>: <paramref name="shots"/> shots of
/// b8 detection events and observable flips, shot-major. The spans are only valid during the call.
/// </summary>
/// <param name="detectionEvents">shots × DetectorBytesPerShot bytes.</param>
/// <param name="observableFlips">shots × ObservableBytesPerShot bytes.</param>
/// <param name="shots">Number of shots in this batch (the last batch may be shorter).</param>
public delegate void DemSampleBatchHandler(ReadOnlySpan<byte> detectionEvents, ReadOnlySpan<byte> observableFlips, int shots);
