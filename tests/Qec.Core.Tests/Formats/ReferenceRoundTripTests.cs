using System.Diagnostics;
using Qec.Core.Formats;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Formats;

/// <summary>
/// Stim's own files (../shared/reference/shots, and the prefixes copied to tests/data/formats) round-trip
/// byte-identically through every format: read in their format, write format F, read F, write the original
/// format. ptb64 needs whole groups of 64, so through ptb64 only the leading multiple of 64 shots is
/// compared (against the same prefix of the original bytes). Stim's <c>dets.b8</c> and <c>dets.01</c> of
/// the same shots convert into each other exactly (whole files).
/// </summary>
/// <remarks>
/// To keep the suite fast on a loaded 2-core machine, each ../shared reference file round-trips only its
/// leading shots: about <see cref="ReferenceBitsPerFile"/> bits' worth, at least 64 shots (one ptb64 group)
/// and at most the whole file. Files of up to that size (every d = 3 file, most code-capacity files, every
/// observable file) are covered whole, and so is the single 24,000,000-detector shot. The
/// copied files in tests/data are always covered whole.
/// </remarks>
public sealed class ReferenceRoundTripTests(ITestOutputHelper output)
{
    /// <summary>Bits per reference file sent through each format (see remarks).</summary>
    private const long ReferenceBitsPerFile = 1 << 19;

    /// <summary>One sample file: path, its format, and the layout from the manifest.</summary>
    private sealed record SampleFile(string Path, SampleFormat Format, ShotLayout Layout);

    private static List<SampleFile> FilesOf(string shotsFolder, string manifestPath)
    {
        var files = new List<SampleFile>();
        string[] lines = File.ReadAllLines(manifestPath);
        string[] header = lines[0].Split(',');
        int name = Array.IndexOf(header, "name"), det = Array.IndexOf(header, "num_detectors"), obs = Array.IndexOf(header, "num_observables");
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split(',');
            int detectors = int.Parse(cells[det]), observables = int.Parse(cells[obs]);
            var candidates = new (string Suffix, SampleFormat Format, ShotLayout Layout)[]
            {
                (".dets.b8", SampleFormat.B8, ShotLayout.Detectors(detectors)),
                (".dets.01", SampleFormat.Format01, ShotLayout.Detectors(detectors)),
                (".obs.01", SampleFormat.Format01, ShotLayout.Observables(observables)),
            };
            foreach (var (suffix, format, layout) in candidates)
            {
                string path = Path.Combine(shotsFolder, cells[name] + suffix);
                if (File.Exists(path))
                {
                    files.Add(new SampleFile(path, format, layout));
                }
            }
        }
        return files;
    }

    /// <summary>Reads up to <paramref name="maxShots"/> shots of <paramref name="input"/> and writes them; returns the count.</summary>
    private static long Copy(Stream input, SampleFormat inFormat, Stream sink, SampleFormat outFormat, ShotLayout layout, long maxShots, string source)
    {
        using var reader = new SampleReader(input, inFormat, layout, source, leaveOpen: true);
        using var writer = new SampleWriter(sink, outFormat, layout, leaveOpen: true);
        byte[] shot = new byte[layout.BytesPerShot];
        while (reader.ShotsRead < maxShots && reader.TryReadShot(shot))
        {
            writer.WriteShot(shot);
        }
        writer.Flush();
        return reader.ShotsRead;
    }

    /// <summary>Bytes per shot of a file in its own format (both 01 and b8 have fixed-size shots).</summary>
    private static int ShotSize(SampleFile file) =>
        file.Format == SampleFormat.B8 ? file.Layout.BytesPerShot : file.Layout.BitsPerShot + 1;

    private static void RoundTrip(SampleFile file, SampleFormat via, long maxBits = long.MaxValue)
    {
        byte[] original = File.ReadAllBytes(file.Path);
        long shots = original.Length / ShotSize(file);
        Assert.Equal(original.Length, shots * ShotSize(file));
        long keep = Math.Min(shots, Math.Max(64, maxBits / Math.Max(1, file.Layout.BitsPerShot)));
        keep = via == SampleFormat.Ptb64 ? keep - keep % 64 : keep;
        if (keep == 0)
        {
            return;
        }

        var middle = new MemoryStream();
        Assert.Equal(keep, Copy(new MemoryStream(original), file.Format, middle, via, file.Layout, keep, file.Path));
        middle.Position = 0;
        var back = new MemoryStream();
        Assert.Equal(keep, Copy(middle, via, back, file.Format, file.Layout, long.MaxValue, file.Path + " via " + SampleFormats.Name(via)));

        int expectedLength = checked((int)(keep * ShotSize(file)));
        Assert.Equal(expectedLength, (int)back.Length);
        Assert.True(original.AsSpan(0, expectedLength).SequenceEqual(back.ToArray()), $"{file.Path} through {SampleFormats.Name(via)} changed its bytes");
    }

    private static int CheckB8Against01(IEnumerable<SampleFile> files)
    {
        int pairs = 0;
        foreach (SampleFile b8 in files.Where(f => f.Format == SampleFormat.B8))
        {
            string text = b8.Path[..^".b8".Length] + ".01";
            if (!File.Exists(text))
            {
                continue;
            }
            byte[] b8Bytes = File.ReadAllBytes(b8.Path), textBytes = File.ReadAllBytes(text);
            var to01 = new MemoryStream();
            SampleConverter.Convert(new MemoryStream(b8Bytes), SampleFormat.B8, to01, SampleFormat.Format01, b8.Layout);
            Assert.True(textBytes.AsSpan().SequenceEqual(to01.ToArray()), $"{b8.Path} as 01 differs from {text}");
            var toB8 = new MemoryStream();
            SampleConverter.Convert(new MemoryStream(textBytes), SampleFormat.Format01, toB8, SampleFormat.B8, b8.Layout);
            Assert.True(b8Bytes.AsSpan().SequenceEqual(toB8.ToArray()), $"{text} as b8 differs from {b8.Path}");
            pairs++;
        }
        return pairs;
    }

    [Theory]
    [MemberData(nameof(FormatTestKit.AllFormats), MemberType = typeof(FormatTestKit))]
    public void CopiedTestData_RoundTripsThrough(SampleFormat via)
    {
        string folder = TestPaths.Data("formats");
        List<SampleFile> files = FilesOf(folder, Path.Combine(folder, "manifest.csv"));
        Assert.Equal(5, files.Count);
        foreach (SampleFile file in files)
        {
            RoundTrip(file, via);
        }
    }

    [Fact]
    public void CopiedTestData_B8And01OfTheSameShotsConvertExactly()
    {
        string folder = TestPaths.Data("formats");
        Assert.Equal(1, CheckB8Against01(FilesOf(folder, Path.Combine(folder, "manifest.csv"))));
    }

    [Theory]
    [MemberData(nameof(FormatTestKit.AllFormats), MemberType = typeof(FormatTestKit))]
    public void ReferenceShots_RoundTripThrough(SampleFormat via)
    {
        if (TestPaths.Reference is not { } reference)
        {
            output.WriteLine("skipped: ../shared/reference is absent");
            return;
        }
        var clock = Stopwatch.StartNew();
        List<SampleFile> files = FilesOf(Path.Combine(reference, "shots"), Path.Combine(reference, "manifest.csv"));
        Assert.NotEmpty(files);
        foreach (SampleFile file in files)
        {
            RoundTrip(file, via, ReferenceBitsPerFile);
        }
        output.WriteLine($"{files.Count} reference files through {SampleFormats.Name(via)} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void ReferenceShots_B8And01OfTheSameShotsConvertExactly()
    {
        if (TestPaths.Reference is not { } reference)
        {
            output.WriteLine("skipped: ../shared/reference is absent");
            return;
        }
        int pairs = CheckB8Against01(FilesOf(Path.Combine(reference, "shots"), Path.Combine(reference, "manifest.csv")));
        Assert.True(pairs > 0);
        output.WriteLine($"{pairs} b8/01 pairs agree");
    }
}
