using Qec.Core.Dem;

namespace Qec.Cli;

/// <summary>
/// Where a command writes, and the one place that turns an expected failure (bad file, bad
/// argument) into a single "qecd: …" line and exit code 1 instead of a stack trace.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    /// <summary>Normal output.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Errors and progress.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Runs a command body; known failures print one line and return 1.</summary>
    public int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or KeyNotFoundException
                                       or InvalidOperationException or UnauthorizedAccessException or InvalidDataException)
        {
            Error.WriteLine($"qecd: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>Loads a model from a file, naming the file in any error.</summary>
    public static DetectorErrorModel LoadModel(FileInfo file) =>
        file.Exists ? DetectorErrorModel.Load(file.FullName) : throw new FileNotFoundException($"no such DEM file: {file.FullName}");
}
