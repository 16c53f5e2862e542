using Qec.Core.Decoding;
using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;
using Qec.Matching.Streaming;

namespace Qec.Server.Sessions;

/// <summary>
/// What a stream-mode model may ask of the server's memory, checked from the model's counts before
/// anything is flattened (a 10^6-round model must never be flattened whole). Assemble mode flattens
/// the whole model and allows <see cref="SessionRegistry.MaxDetectors"/> detectors; stream mode
/// keeps that limit for everything it flattens — each round, the truncated stretch of the model
/// that windows are cut from, or the whole model for a decoder without a sliding-window mode —
/// while the model itself may have up to <see cref="MaxModelDetectors"/> detectors.
/// </summary>
internal static class StreamModelLimits
{
    /// <summary>Detectors of a stream-mode model at most (detector indices and session counts are 31-bit).</summary>
    public const long MaxModelDetectors = int.MaxValue;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> saying which limit <paramref name="model"/> breaks when
    /// streamed by <paramref name="decoder"/> with <paramref name="options"/>.
    /// </summary>
    public static void Check(DetectorErrorModel model, string decoder, DecoderOptions options)
    {
        ulong detectors = model.Counts.NumDetectors;
        if (detectors > (ulong)MaxModelDetectors)
        {
            throw new ArgumentException($"the model has {detectors} detectors; stream mode takes at most {MaxModelDetectors}");
        }
        if (!SlidingWindowCompiledDecoder.Supports(decoder))
        {
            if (detectors > SessionRegistry.MaxDetectors)
            {
                throw new ArgumentException(
                    $"it has no sliding-window mode, so stream mode decodes the whole shot after its last round, " +
                    $"and the model's {detectors} detectors exceed the whole-shot limit of {SessionRegistry.MaxDetectors}");
            }
            return;
        }
        // Estimating the distance (when W or C is not given) flattens a short stretch; then the windows' stretch.
        ulong flattened = RoundLayout.FlattenedDetectorsBound(model, 1);
        int window = 0;
        if (flattened <= SessionRegistry.MaxDetectors)
        {
            window = SlidingWindowCompiledDecoder.ResolveOptions(model, options).Window;
            flattened = RoundLayout.FlattenedDetectorsBound(model, SlidingWindowCompiledDecoder.LongestStretch(window));
        }
        if (flattened > SessionRegistry.MaxDetectors)
        {
            throw new ArgumentException(
                $"{(window > 0 ? $"a window of {window} rounds" : "analysing its rounds")} needs a stretch of up to {flattened} detectors of the model flattened; " +
                $"this server flattens at most {SessionRegistry.MaxDetectors}{(window > 0 ? $": use a smaller window (option {StreamingOptions.WindowKey})" : "")}");
        }
    }
}
