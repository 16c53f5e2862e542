namespace Qec.Core.Formats;

/// <summary>Converts shot data between Stim's sample formats, streaming one shot at a time.</summary>
public static class SampleConverter
{
    /// <summary>
    /// Reads every shot of <paramref name="input"/> and writes it to <paramref name="output"/>; both streams
    /// stay open and the output is flushed. Returns the number of shots.
    /// </summary>
    /// <param name="input">Data in <paramref name="inFormat"/>.</param>
    /// <param name="inFormat">Format of the input.</param>
    /// <param name="output">Receives the data in <paramref name="outFormat"/>.</param>
    /// <param name="outFormat">Format of the output.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    /// <param name="sourceName">Name of the input in error messages.</param>
    /// <exception cref="SampleFormatException">The input is malformed.</exception>
    /// <exception cref="InvalidOperationException">ptb64 output and a shot count that is not a multiple of 64.</exception>
    public static long Convert(Stream input, SampleFormat inFormat, Stream output, SampleFormat outFormat, ShotLayout layout, string sourceName = "<input>")
    {
        using var reader = new SampleReader(input, inFormat, layout, sourceName, leaveOpen: true);
        using var writer = new SampleWriter(output, outFormat, layout, leaveOpen: true);
        byte[] shot = new byte[layout.BytesPerShot];
        while (reader.TryReadShot(shot))
        {
            writer.WriteShot(shot);
        }
        writer.Flush();
        return reader.ShotsRead;
    }

    /// <summary>Converts a file into a new (or truncated) file; returns the number of shots.</summary>
    /// <param name="inputPath">Data in <paramref name="inFormat"/>.</param>
    /// <param name="inFormat">Format of the input.</param>
    /// <param name="outputPath">File to create with the data in <paramref name="outFormat"/>.</param>
    /// <param name="outFormat">Format of the output.</param>
    /// <param name="layout">Detectors and observables in each shot.</param>
    public static long ConvertFile(string inputPath, SampleFormat inFormat, string outputPath, SampleFormat outFormat, ShotLayout layout)
    {
        using var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        return Convert(input, inFormat, output, outFormat, layout, inputPath);
    }
}
