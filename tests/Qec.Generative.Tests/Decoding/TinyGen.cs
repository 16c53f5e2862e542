using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Generative.Decoding;
using Qec.Generative.Models;
using Qec.Generative.Training;

namespace Qec.Generative.Tests.Decoding;

/// <summary>Tiny models and files shared by the decoder tests (trained once per process, fixed seeds).</summary>
internal static class TinyGen
{
    /// <summary>d = 3 rotated surface code, code-capacity depolarizing noise p = 0.1: 8 detectors, 1 observable.</summary>
    public static DetectorErrorModel CodeCapacity(double p = 0.1) =>
        CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, p);

    private static readonly Lazy<string> TrainedFile = new(() =>
    {
        var dem = CodeCapacity();
        var network = new MadeNetwork<float>(new MadeConfig(1, (int)dem.NumDetectors, 32, 2, Residual: true), seed: 5);
        new GenerativeTrainer(dem, network, null, new GenerativeTrainingOptions(ShotsPerEpoch: 80_000, Epochs: 1, Batch: 64,
            LearningRate: 1e-2, FinalLearningRateFraction: 0.05, Seed: 11, HeldOutShots: 0)).Run();
        string path = TempPath("trained-cc-d3.st");
        GenerativeModelFile.Save(network, path, dem, GenerativeModelFile.NoBase);
        return path;
    });

    /// <summary>A model of <see cref="CodeCapacity"/> trained briefly (no base decoder).</summary>
    public static string Trained => TrainedFile.Value;

    /// <summary>An untrained model file for <paramref name="dem"/> (random weights from <paramref name="seed"/>).</summary>
    public static string Untrained(DetectorErrorModel dem, string name, string baseDecoder = GenerativeModelFile.NoBase, ulong seed = 3, int width = 16)
    {
        int k = (int)dem.NumObservables;
        var network = new MadeNetwork<float>(new MadeConfig(k, GenerativeModelFile.ConditionSize((int)dem.NumDetectors, k, baseDecoder), width, 2, Residual: true), seed);
        string path = TempPath(name);
        GenerativeModelFile.Save(network, path, dem, baseDecoder);
        return path;
    }

    /// <summary>Two independent patches of <see cref="CodeCapacity"/>: 16 detectors, observables L0 and L1.</summary>
    public static DetectorErrorModel TwoPatches(double p = 0.1)
    {
        string one = CodeCapacity(p).ToString();
        return DetectorErrorModel.Parse(one + "\nshift_detectors 8\n" + one.Replace("L0", "L1", StringComparison.Ordinal), "two-patches");
    }

    /// <summary>A registry with the gen decoder and mwpm as a possible base.</summary>
    public static DecoderRegistry Registry() => GenerativeDecoders.Register(Qec.Matching.MatchingDecoders.Register(new DecoderRegistry()));

    /// <summary>Compiles gen for <paramref name="dem"/> with the given options.</summary>
    public static ICompiledDecoder Compile(DetectorErrorModel dem, params string[] options) =>
        Registry().Get("gen").Compile(dem, DecoderOptions.Parse(options));

    /// <summary>A fresh path in a per-process temporary folder.</summary>
    public static string TempPath(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"qecd-gen-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}-{name}");
    }
}
