using System.Runtime.CompilerServices;
using Qec.Core.Formats;

namespace Qec.Bench;

/// <summary>Where the peer reference data lives for benchmarks (../shared/reference beside the repository).</summary>
internal static class ReferenceData
{
    /// <summary>
    /// QECD_REFERENCE, else ../shared/reference beside the first folder holding Decoder.sln above
    /// AppContext.BaseDirectory, the working directory, or this source file's build-time location
    /// (BenchmarkDotNet runs benchmarks from a generated folder that may lie outside the repository).
    /// </summary>
    public static string Folder => Find();

    /// <summary>A file inside the reference folder, e.g. Path("dems", "sc_rmz_d05_r05_p0.001.dem").</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Folder, .. parts]);

    /// <summary>
    /// Every shot of a sample file, b8-packed back to back (<see cref="ShotLayout.BytesPerShot"/> bytes each),
    /// e.g. a reference <c>.dets.b8</c> with <see cref="ShotLayout.Detectors"/> or an <c>.obs.01</c> with
    /// <see cref="ShotLayout.Observables"/>. Malformed data throws the reader's error naming the file and shot.
    /// </summary>
    public static byte[] ReadShots(string path, SampleFormat format, ShotLayout layout)
    {
        using var reader = SampleReader.Open(path, format, layout);
        using var all = new MemoryStream();
        var buffer = new byte[layout.BytesPerShot * 4096];
        int shots;
        while ((shots = reader.ReadShots(buffer)) > 0)
        {
            all.Write(buffer, 0, shots * layout.BytesPerShot);
        }
        return all.ToArray();
    }

    private static string Find([CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("QECD_REFERENCE") is { Length: > 0 } configured)
        {
            return configured;
        }
        string[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? ""];
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Decoder.sln")))
                {
                    string reference = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "reference"));
                    if (Directory.Exists(reference))
                    {
                        return reference;
                    }
                }
            }
        }
        throw new DirectoryNotFoundException(
            "reference data not found: set QECD_REFERENCE or put ../shared/reference beside the repository (the folder holding Decoder.sln)");
    }
}
