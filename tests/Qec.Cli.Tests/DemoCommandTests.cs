using System.Globalization;
using System.Text.RegularExpressions;
using Qec.Cli;
using Qec.Core.Decoding;
using Qec.Core.Sampling;

namespace Qec.Cli.Tests;

public sealed class DemoCommandTests
{
    /// <summary>
    /// The README's first command, small: both paths report the logical errors that decoding the same
    /// sampled shots offline gives, and the server answered every shot; bposd shows the BP family is served.
    /// </summary>
    [Theory]
    [InlineData("mwpm", 3000, 200)]
    [InlineData("bposd", 300, 20)]
    public void DemoReportsTheOfflineLogicalErrorsOnBothPaths(string decoder, int shots, int latencyShots)
    {
        var (code, output, error) = CliRunner.Run("demo", "--decoder", decoder, "--shots", shots.ToString(CultureInfo.InvariantCulture),
            "--latency-shots", latencyShots.ToString(CultureInfo.InvariantCulture), "--latency-warmup", "100", "--seed", "5");
        Assert.True(code == 0, error + output);

        var model = BuiltInModels.Load();
        var (dets, obs) = new DemSampler(model).Sample(shots, 5);
        var compiled = AllDecoders.Create().Get(decoder).Compile(model, DecoderOptions.Empty);
        var predicted = new byte[obs.Length];
        BatchDecoding.DecodeAll(compiled, dets, predicted, shots);
        long expected = Commands.DecodeCommand.CountMismatches(predicted, obs, 1);

        foreach (string path in new[] { "grpc", "raw" })
        {
            var line = Regex.Match(output, $@"^\s*{path}\s+(\d+) logical errors in (\d+) shots", RegexOptions.Multiline);
            Assert.True(line.Success, output);
            Assert.Equal(expected, long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Equal(shots, int.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture));
        }
        Assert.Contains("errors: none", output, StringComparison.Ordinal);
    }
}
