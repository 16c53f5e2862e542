using Qec.Generative.Decoding;
using Qec.Generative.Models;
using Qec.Generative.Serialization;

namespace Qec.Generative.Tests.Decoding;

/// <summary>Every way a weights file or an option can be wrong gives one clear error naming it.</summary>
public sealed class GenerativeModelFileTests
{
    [Fact]
    public void MissingModelOptionIsRefusedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyGen.Compile(TinyGen.CodeCapacity()));
        Assert.Contains("model=PATH is required", e.Message);
        var unknown = Assert.Throws<ArgumentException>(() => TinyGen.Compile(TinyGen.CodeCapacity(), "model=x.st", "chi=4"));
        Assert.Contains("unknown decoder option 'chi'", unknown.Message);
        var search = Assert.Throws<ArgumentException>(() => TinyGen.Compile(TinyGen.CodeCapacity(), "model=x.st", "search=beam"));
        Assert.Contains("search=beam", search.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = TinyGen.TempPath("absent.st");
        var e = Assert.Throws<FileNotFoundException>(() => TinyGen.Compile(TinyGen.CodeCapacity(), $"model={path}"));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ModelOfAnotherDemIsRefused()
    {
        string path = TinyGen.Untrained(TinyGen.CodeCapacity(0.1), "p01.st");
        // Same size, other probabilities: only the hash tells them apart.
        var other = Assert.Throws<ArgumentException>(() => TinyGen.Compile(TinyGen.CodeCapacity(0.05), $"model={path}"));
        Assert.Contains("another DEM", other.Message);
        Assert.Contains(path, other.Message);
        var size = Assert.Throws<ArgumentException>(() => TinyGen.Compile(TinyGen.TwoPatches(), $"model={path}"));
        Assert.Contains("8 detectors and 1 observables", size.Message);
        Assert.Contains("16 detectors and 2 observables", size.Message);
    }

    [Fact]
    public void TruncatedAndCorruptFilesAreRefused()
    {
        var dem = TinyGen.CodeCapacity();
        string good = TinyGen.Untrained(dem, "good.st");
        byte[] bytes = File.ReadAllBytes(good);
        foreach (int length in new[] { 0, 5, 8, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            string truncated = TinyGen.TempPath("truncated.st");
            File.WriteAllBytes(truncated, bytes[..length]);
            var e = Assert.ThrowsAny<IOException>(() => TinyGen.Compile(dem, $"model={truncated}"));
            Assert.StartsWith(truncated, e.Message);
        }
        var garbage = (byte[])bytes.Clone();
        for (int i = 8; i < 40; i++) garbage[i] = (byte)'#';
        string corrupt = TinyGen.TempPath("corrupt.st");
        File.WriteAllBytes(corrupt, garbage);
        Assert.ThrowsAny<IOException>(() => TinyGen.Compile(dem, $"model={corrupt}"));
    }

    [Fact]
    public void PlainModelFileWithoutGenMetadataIsRefused()
    {
        string path = TinyGen.TempPath("plain.st");
        ModelFile.Save(new MadeNetwork<float>(new MadeConfig(1, 8, 8, 1)), path);
        var e = Assert.Throws<SafeTensorsException>(() => TinyGen.Compile(TinyGen.CodeCapacity(), $"model={path}"));
        Assert.Contains(GenerativeModelFile.DemHashKey, e.Message);
    }

    [Fact]
    public void UnknownBaseDecoderIsNamed()
    {
        var dem = TinyGen.CodeCapacity();
        string path = TinyGen.Untrained(dem, "nobase.st", "nosuchdecoder");
        var e = Assert.Throws<ArgumentException>(() => TinyGen.Compile(dem, $"model={path}"));
        Assert.Contains("'nosuchdecoder'", e.Message);
    }

    [Fact]
    public void Float64PrecisionLoadsTheSameFile()
    {
        var dem = TinyGen.CodeCapacity();
        var f32 = TinyGen.Compile(dem, $"model={TinyGen.Trained}").CreateDecoder();
        var f64 = TinyGen.Compile(dem, $"model={TinyGen.Trained}", "precision=f64").CreateDecoder();
        Assert.IsType<GenerativeDecoder<double>>(f64);
        var a = new byte[1];
        var b = new byte[1];
        for (int s = 0; s < 256; s++)
        {
            var ia = f32.DecodeDetailed([(byte)s], a);
            var ib = f64.DecodeDetailed([(byte)s], b);
            if (Math.Abs(ib.SoftOutput) > 1e-3) Assert.Equal(a[0], b[0]);
            Assert.Equal(ib.SoftOutput, ia.SoftOutput, 1e-4);
        }
    }
}
