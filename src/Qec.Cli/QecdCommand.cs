using System.CommandLine;
using Qec.Cli.Commands;

namespace Qec.Cli;

/// <summary>The <c>qecd</c> command tree. Each subcommand lives in its own file under Commands/.</summary>
public static class QecdCommand
{
    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("qecd: real-time quantum error correction decoder service and offline tools")
        {
            // DemoCommand.Create(console),
            // SampleCommand.Create(console),
            // ConvertCommand.Create(console),
            // GenCommand.Create(console),
            DemCommand.Create(console),
            // DecodeCommand.Create(console),
        };
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
