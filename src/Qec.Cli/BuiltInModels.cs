using Qec.Core.Dem;

namespace Qec.Cli;

/// <summary>Models shipped inside the binary, so the demo needs no files.</summary>
public static class BuiltInModels
{
    /// <summary>Name of the built-in circuit-level d=5 rotated surface code memory experiment.</summary>
    public const string SurfaceD5 = "surface_d5_p0.001";

    /// <summary>
    /// The rotated surface code, Z memory, d = 5, 5 rounds, circuit-level depolarizing noise p = 0.1%
    /// (Stim: gen --code surface_code --task rotated_memory_z, analyze_errors --decompose_errors).
    /// </summary>
    public static DetectorErrorModel Load(string name = SurfaceD5)
    {
        using var stream = typeof(BuiltInModels).Assembly.GetManifestResourceStream($"Qec.Cli.Resources.{name}.dem")
            ?? throw new KeyNotFoundException($"unknown built-in model '{name}': known models are {SurfaceD5}");
        using var reader = new StreamReader(stream);
        return DetectorErrorModel.Parse(reader.ReadToEnd(), $"built-in:{name}");
    }
}
