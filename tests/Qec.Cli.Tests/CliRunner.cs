namespace Qec.Cli.Tests;

/// <summary>Runs <c>qecd</c> in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = QecdCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
