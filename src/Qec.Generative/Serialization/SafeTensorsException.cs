namespace Qec.Generative.Serialization;

/// <summary>A safetensors file that cannot be read, or does not fit the model: the message names the file and the fault.</summary>
public sealed class SafeTensorsException : IOException
{
    /// <summary>Creates the exception; the message is "{path}: {problem}".</summary>
    public SafeTensorsException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that was read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
