using System.CommandLine;
using Qec.Core.Decoding;

namespace Qec.Cli.Commands.Train;

/// <summary><c>qecd train …</c>: train the decoders that learn from sampled data.</summary>
public static class TrainCommand
{
    /// <summary>Builds the <c>train</c> command group.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry) =>
        new("train", "train learned decoders from shots sampled from a DEM") { TrainGenCommand.Create(console, registry) };
}
