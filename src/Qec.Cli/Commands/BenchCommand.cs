using System.CommandLine;
using Qec.Core.Decoding;

namespace Qec.Cli.Commands;

/// <summary><c>qecd bench …</c>: benchmarks of the decoders and the service (one subcommand each).</summary>
public static class BenchCommand
{
    /// <summary>Builds the <c>bench</c> command group.</summary>
    public static Command Create(CliConsole console, DecoderRegistry registry)
    {
        var bench = new Command("bench", "benchmarks: decoder speed, streaming latency");
        bench.Subcommands.Add(BenchDecodersCommand.Create(console, registry));
        bench.Subcommands.Add(BenchStreamCommand.Create(console, registry));
        return bench;
    }
}
