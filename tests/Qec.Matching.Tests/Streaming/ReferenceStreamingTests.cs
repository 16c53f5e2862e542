using System.Globalization;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Matching.Streaming;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Matching.Tests.Streaming;

/// <summary>
/// The long reference experiments (../shared/reference, with repeat blocks): streaming decoding with
/// the default window (W = 3d, C = 2d; d given for the repetition code, estimated for the surface code) must make as many logical errors as
/// whole-shot decoding of the same shots, within whole-shot's 95% binomial error bar (+1 for tiny counts).
/// Skipped (returns early, noted in the output) when the reference folder is absent.
/// </summary>
public sealed class ReferenceStreamingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("rep_mem_d05_r10000_p0.01", "mwpm", 5)]
    [InlineData("sc_rmz_d05_r1000_p0.001", "mwpm", 0)]
    [InlineData("rep_mem_d05_r10000_p0.01", "uf", 5)]
    [InlineData("sc_rmz_d05_r1000_p0.001", "uf", 0)]
    public void StreamingMatchesWholeShotLogicalErrorRate(string name, string decoder, int distance)
    {
        string? dem = TestPaths.ReferenceFile($"dems/{name}.dem");
        if (dem is null || !File.Exists(dem))
        {
            output.WriteLine($"skipped: reference data for {name} not found");
            return;
        }
        var model = DetectorErrorModel.Load(dem);
        var options = distance > 0 ? DecoderOptions.Parse([$"distance={distance}"]) : DecoderOptions.Empty;
        var compiled = SlidingWindowCompiledDecoder.Compile(decoder, model, options);
        var stream = compiled.CreateStreamingDecoder();
        var whole = MatchingDecoders.Register(new DecoderRegistry()).Get(decoder).Compile(model, DecoderOptions.Empty).CreateDecoder();
        byte[] dets = File.ReadAllBytes(TestPaths.ReferenceFile($"shots/{name}.dets.b8")!);
        string[] truth = File.ReadAllLines(TestPaths.ReferenceFile($"shots/{name}.obs.01")!);
        int bytes = (int)((model.NumDetectors + 7) / 8);
        int shots = dets.Length / bytes, streamErrors = 0, wholeErrors = 0, disagreements = 0;
        Span<byte> w = stackalloc byte[1];
        for (int s = 0; s < shots; s++)
        {
            var shot = dets.AsSpan(s * bytes, bytes);
            int actual = truth[s][0] - '0';
            byte p = StreamingHarness.DecodeShot(stream, compiled.Layout, shot);
            whole.Decode(shot, w);
            streamErrors += (p & 1) ^ actual;
            wholeErrors += (w[0] & 1) ^ actual;
            disagreements += (p ^ w[0]) & 1;
            Assert.Equal(StreamingHarness.PopCount(shot), stream.CommittedEvents);
        }
        string? pm = PyMatchingErrors(name);
        double q = (double)wholeErrors / shots;
        double bar = 1.96 * Math.Sqrt(shots * q * (1 - q)) + 1;
        output.WriteLine($"{name} {decoder} W={compiled.Window} C={compiled.Commit}: streaming {streamErrors}/{shots}, whole-shot {wholeErrors}/{shots} (±{bar:F1}), " +
            $"PyMatching {pm ?? "?"}, disagreements {disagreements}");
        Assert.True(Math.Abs(streamErrors - wholeErrors) <= bar, $"streaming {streamErrors} vs whole-shot {wholeErrors} ± {bar:F1}");
    }

    private static string? PyMatchingErrors(string name)
    {
        string? path = TestPaths.ReferenceFile($"pymatching/{name}.pm_weights.txt");
        string? truth = TestPaths.ReferenceFile($"shots/{name}.obs.01");
        if (path is null || !File.Exists(path) || truth is null)
        {
            return null;
        }
        var lines = File.ReadAllLines(path);
        var obs = File.ReadAllLines(truth);
        int errors = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            errors += lines[i][0] != obs[i][0] ? 1 : 0;
        }
        return errors.ToString(CultureInfo.InvariantCulture) + "/" + lines.Length.ToString(CultureInfo.InvariantCulture);
    }
}
