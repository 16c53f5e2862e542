using System.CommandLine;
using Qec.Cli.Commands;
using Qec.Core.Decoding;
using Qec.Matching;

namespace Qec.Cli;

/// <summary>The <c>qecd</c> command tree. Each subcommand lives in its own file under Commands/.</summary>
public static class QecdCommand
{
    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var registry = AllDecoders.Create();
        var root = new RootCommand("qecd: real-time quantum error correction decoder service and offline tools")
        {
            DemoCommand.Create(console, registry),
            ServeCommand.Create(console, registry),
            SampleCommand.Create(console),
            ConvertCommand.Create(console),
            GenCommand.Create(console),
            DemCommand.Create(console),
            DecodeCommand.Create(console, registry),
            CompareCommand.Create(console, registry),
            CombineCommand.Create(console),
            PlotCommand.Create(console),
            BenchCommand.Create(console, registry),
            TnCommand.Create(console),
            StatMechCommand.Create(console),
            Commands.Train.TrainCommand.Create(console, registry),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line naming every problem and where to read usage, instead of the whole help text.
            string problems = string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')));
            error.WriteLine($"qecd: {problems} (see '{string.Join(' ', CommandPath(parsed.CommandResult))} --help')");
            return 1;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(r.Parent is null ? "qecd" : r.Command.Name);
        }
        return names;
    }
}
