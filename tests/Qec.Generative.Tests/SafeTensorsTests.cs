using System.Text;
using Qec.Core.Sampling;
using Qec.Generative.Models;
using Qec.Generative.Serialization;

namespace Qec.Generative.Tests;

/// <summary>Save → load is exact; every kind of damaged file gives a SafeTensorsException naming the file and the fault.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qecd-gen-tests-" + Guid.NewGuid().ToString("N"));

    public SafeTensorsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly MadeConfig Config = new(7, ConditionSize: 3, HiddenWidth: 9, HiddenLayers: 2, Residual: true);

    private static readonly Dictionary<string, string> Metadata = new()
    {
        ["dem.hash"] = "sha256:abc", ["dem.detectors"] = "3", ["dem.observables"] = "7",
    };

    [Fact]
    public void Float64RoundTripIsBitForBit() => RoundTrip<double>(BitConverter.DoubleToInt64Bits);

    [Fact]
    public void Float32RoundTripIsBitForBit() => RoundTrip<float>(v => BitConverter.SingleToInt32Bits(v));

    private void RoundTrip<T>(Func<T, long> bitsOf) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var model = new MadeNetwork<T>(Config, seed: 101);
        string path = Path.Combine(_folder, $"model-{typeof(T).Name}.safetensors");
        ModelFile.Save(model, path, Metadata);
        var loaded = ModelFile.Load<T>(path, out var metadata);
        Assert.Equal("sha256:abc", metadata["dem.hash"]);
        Assert.Equal("made", metadata["model.kind"]);
        Assert.Equal(model.Parameters.Count, loaded.Parameters.Count);
        for (int k = 0; k < model.Parameters.Count; k++)
        {
            Assert.Equal(model.Parameters[k].Name, loaded.Parameters[k].Name);
            var a = model.Parameters[k].Data;
            var b = loaded.Parameters[k].Data;
            Assert.Equal(a.Length, b.Length);
            for (int j = 0; j < a.Length; j++) Assert.Equal(bitsOf(a[j]), bitsOf(b[j]));
        }
        var ws1 = model.CreateWorkspace();
        var ws2 = loaded.CreateWorkspace();
        byte[] bits = [1, 0, 1, 1, 0, 0, 1], condition = [0, 1, 1];
        Assert.Equal(bitsOf(model.LogProbability(bits, condition, ws1)), bitsOf(loaded.LogProbability(bits, condition, ws2)));
        // The header length is a multiple of 8, so the data section is aligned.
        Assert.Equal(0, BitConverter.ToInt64(File.ReadAllBytes(path), 0) % 8);
    }

    [Fact]
    public void Float64FileLoadsIntoFloat32Model()
    {
        var model = new MadeNetwork<double>(Config, seed: 102);
        string path = Path.Combine(_folder, "f64.safetensors");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load<float>(path);
        Assert.Equal((float)model.Parameters["hidden1.weight"].Data[20], loaded.Parameters["hidden1.weight"].Data[20]);
    }

    [Fact]
    public void EveryTruncationIsRejectedWithTheFileName()
    {
        var model = new MadeNetwork<float>(new MadeConfig(3, ConditionSize: 1, HiddenWidth: 2, HiddenLayers: 1), seed: 103);
        string path = Path.Combine(_folder, "small.safetensors");
        ModelFile.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Parse(bytes.AsMemory(0, length), path));
            Assert.StartsWith(path + ": ", e.Message);
        }
        var tooShort = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Parse(bytes.AsMemory(0, bytes.Length - 4), path));
        Assert.Contains("out of range", tooShort.Problem);
        var noHeader = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Parse(bytes.AsMemory(0, 20), path));
        Assert.Contains("truncated", noHeader.Problem);
        File.WriteAllBytes(path, bytes[..^1]);
        var fromDisk = Assert.Throws<SafeTensorsException>(() => ModelFile.Load<float>(path));
        Assert.Contains(path, fromDisk.Message);
    }

    [Theory]
    [InlineData("{\"a\": {\"dtype\": \"F32\", ", "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"a\": {\"dtype\": \"BF16\", \"shape\": [1], \"data_offsets\": [0, 2]}}", "dtype 'BF16'")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "needs 8")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", "out of range")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "shape[0] = -1")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", "no \"data_offsets\"")]
    [InlineData("{\"__metadata__\": {\"k\": 3}}", "not a string")]
    public void CorruptHeaderIsRejectedWithAClearMessage(string header, string expected)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + headerBytes.Length + 4];
        BitConverter.GetBytes((long)headerBytes.Length).CopyTo(file, 0);
        headerBytes.CopyTo(file, 8);
        var e = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Parse(file, "bad.safetensors"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.safetensors: ", e.Message);
    }

    [Fact]
    public void HugeHeaderLengthIsRejectedBeforeBuffering()
    {
        var file = new byte[16];
        BitConverter.GetBytes(long.MaxValue).CopyTo(file, 0);
        var e = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Parse(file, "huge.safetensors"));
        Assert.Contains("exceeds the maximum", e.Problem);
    }

    [Fact]
    public void WrongShapeAndMissingTensorAreRejectedAndLeaveTheModelUnchanged()
    {
        string path = Path.Combine(_folder, "other.safetensors");
        ModelFile.Save(new MadeNetwork<double>(Config with { HiddenWidth = 10 }, seed: 104), path);
        var model = new MadeNetwork<double>(Config, seed: 105);
        var before = (double[])model.Parameters["hidden0.weight"].Data.Clone();
        var wrongShape = Assert.Throws<SafeTensorsException>(() => ModelFile.LoadInto(model, path));
        Assert.Contains("tensor 'hidden0.weight' has shape [10, 7], the model expects [9, 7]", wrongShape.Message);
        Assert.Equal(before, model.Parameters["hidden0.weight"].Data);

        ModelFile.Save(new MadeNetwork<double>(Config with { ConditionSize = 0 }, seed: 106), path);
        var missing = Assert.Throws<SafeTensorsException>(() => ModelFile.LoadInto(model, path));
        Assert.Contains("missing tensor 'hidden0.condition'", missing.Message);

        ModelFile.Save(new MadeNetwork<double>(Config with { HiddenLayers = 3 }, seed: 107), path);
        var extra = Assert.Throws<SafeTensorsException>(() => ModelFile.LoadInto(model, path));
        Assert.Contains("unexpected tensor 'hidden2.weight'", extra.Message);
    }

    [Fact]
    public void BadArchitectureMetadataAndReservedKeysAreRejected()
    {
        string path = Path.Combine(_folder, "meta.safetensors");
        var model = new MadeNetwork<double>(Config, seed: 108);
        Assert.Throws<ArgumentException>(() => ModelFile.Save(model, path, new Dictionary<string, string> { ["model.kind"] = "x" }));
        SafeTensorsWriter.Write(path, [.. model.Parameters], new Dictionary<string, string>(model.DescribeArchitecture()) { ["model.variables"] = "seven" });
        var e = Assert.Throws<SafeTensorsException>(() => ModelFile.Load<double>(path));
        Assert.Contains("'model.variables'", e.Message);
        Assert.StartsWith(path, e.Message);
        SafeTensorsWriter.Write(path, [.. model.Parameters]);
        Assert.Contains("'model.kind' is missing", Assert.Throws<SafeTensorsException>(() => ModelFile.Load<double>(path)).Message);
    }

    [Fact]
    public void PixelCnnFloat64RoundTripIsBitForBit() => PixelCnnRoundTrip<double>(PixelConfig, BitConverter.DoubleToInt64Bits);

    [Fact]
    public void PixelCnnFloat32RoundTripIsBitForBit() => PixelCnnRoundTrip<float>(PixelConfig, v => BitConverter.SingleToInt32Bits(v));

    [Fact]
    public void PeriodicPixelCnnRoundTripsAndAFileWithoutTheKeyIsZeroPadded()
    {
        PixelCnnRoundTrip<double>(PixelConfig with { Periodic = true }, BitConverter.DoubleToInt64Bits);
        var config = PixelConfig with { ConditionSize = 0 };
        var metadata = new Dictionary<string, string>(config.ToMetadata());
        Assert.Equal("false", metadata["model.periodic"]);
        metadata.Remove("model.periodic");
        Assert.Equal(config, PixelCnnConfig.FromMetadata(metadata, "test"));
    }

    private static readonly PixelCnnConfig PixelConfig =
        new(3, 4, Channels: 5, HalfWidth: 2, Layers: 3, Residual: true, Activation: Qec.Generative.Layers.Activation.Relu, ConditionSize: 2);

    private void PixelCnnRoundTrip<T>(PixelCnnConfig config, Func<T, long> bitsOf) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var model = new PixelCnnNetwork<T>(config, seed: 111);
        string path = Path.Combine(_folder, $"pixel-{typeof(T).Name}-{config.Periodic}.safetensors");
        ModelFile.Save(model, path, Metadata);
        var loaded = ModelFile.Load<T>(path, out var metadata);
        Assert.Equal("pixelcnn", metadata["model.kind"]);
        Assert.Equal("3", metadata["model.height"]);
        Assert.Equal("4", metadata["model.width"]);
        Assert.Equal("5", metadata["model.channels"]);
        Assert.Equal("2", metadata["model.kernel_half_width"]);
        Assert.Equal("3", metadata["model.layers"]);
        Assert.Equal("true", metadata["model.residual"]);
        Assert.Equal("relu", metadata["model.activation"]);
        Assert.Equal(config.Periodic ? "true" : "false", metadata["model.periodic"]);
        var pixel = Assert.IsType<PixelCnnNetwork<T>>(loaded);
        Assert.Equal(config, pixel.Config);
        for (int k = 0; k < model.Parameters.Count; k++)
        {
            Assert.Equal(model.Parameters[k].Name, loaded.Parameters[k].Name);
            Assert.Equal(model.Parameters[k].Shape, loaded.Parameters[k].Shape);
            var a = model.Parameters[k].Data;
            var b = loaded.Parameters[k].Data;
            for (int j = 0; j < a.Length; j++) Assert.Equal(bitsOf(a[j]), bitsOf(b[j]));
        }
        var ws1 = model.CreateWorkspace();
        var ws2 = loaded.CreateWorkspace();
        byte[] bits = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0], condition = [0, 1];
        Assert.Equal(bitsOf(model.LogProbability(bits, condition, ws1)), bitsOf(loaded.LogProbability(bits, condition, ws2)));
    }

    [Fact]
    public void PixelCnnBadArchitectureMetadataIsRejected()
    {
        string path = Path.Combine(_folder, "pixel-meta.safetensors");
        var model = new PixelCnnNetwork<double>(PixelConfig, seed: 112);
        SafeTensorsWriter.Write(path, [.. model.Parameters], new Dictionary<string, string>(model.DescribeArchitecture()) { ["model.kernel_half_width"] = "two" });
        var e = Assert.Throws<SafeTensorsException>(() => ModelFile.Load<double>(path));
        Assert.Contains("'model.kernel_half_width'", e.Message);
        Assert.StartsWith(path, e.Message);
        SafeTensorsWriter.Write(path, [.. model.Parameters], new Dictionary<string, string>(model.DescribeArchitecture()) { ["model.variables"] = "13" });
        Assert.Contains("height × width = 12", Assert.Throws<SafeTensorsException>(() => ModelFile.Load<double>(path)).Message);
        ModelFile.Save(new PixelCnnNetwork<double>(PixelConfig with { Channels = 4 }, seed: 113), path);
        Assert.Contains("tensor 'conv0.weight' has shape [4, 12, 1], the model expects [5, 12, 1]",
            Assert.Throws<SafeTensorsException>(() => ModelFile.LoadInto(model, path)).Message);
    }
}
