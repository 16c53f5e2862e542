using System.Globalization;
using Qec.Generative.Layers;

namespace Qec.Generative.Models;

/// <summary>
/// The shape of a <see cref="PixelCnnNetwork{T}"/> over an <paramref name="Height"/>×<paramref name="Width"/>
/// lattice of bits in raster order (site = row · Width + column): <paramref name="Layers"/> masked convolutions
/// with (2k+1)×(2k+1) windows, k = <paramref name="HalfWidth"/> — the first of mask A, 1 → C channels, then
/// Layers − 2 hidden ones of mask B, C → C, each followed by <paramref name="Activation"/>, and a mask-B output
/// layer C → 1 giving the logits (Layers = 1: one mask-A layer 1 → 1, a logistic autoregression on the window).
/// C = <paramref name="Channels"/>. <paramref name="Residual"/> adds the identity around every C → C hidden layer
/// (none exists when Layers &lt; 3). An optional binary condition of <paramref name="ConditionSize"/> bits adds a
/// learned bias V·c per channel to every layer. <paramref name="Periodic"/> wraps every window around the lattice (a
/// torus; see <see cref="MaskedConv2dWindow"/>), for models with periodic boundaries.
/// </summary>
public sealed record PixelCnnConfig(
    int Height,
    int Width,
    int Channels = 16,
    int HalfWidth = 2,
    int Layers = 3,
    bool Residual = false,
    Activation Activation = Activation.Tanh,
    int ConditionSize = 0,
    bool Periodic = false)
{
    /// <summary>H · W, the number of bits.</summary>
    public int Variables => Height * Width;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Height < 1 || Width < 1) throw new ArgumentException($"PixelCNN lattice {Height}×{Width} needs at least one row and one column");
        if ((long)Height * Width > 1 << 24) throw new ArgumentException($"PixelCNN lattice {Height}×{Width} is too large (over 2^24 sites)");
        if (Layers < 1) throw new ArgumentException($"PixelCNN layer count {Layers} must be at least 1");
        if (Layers > 1 && Channels < 1) throw new ArgumentException($"PixelCNN channel count {Channels} must be positive");
        if (HalfWidth < 1) throw new ArgumentException($"PixelCNN kernel half-width {HalfWidth} must be at least 1 (a (2k+1)×(2k+1) window)");
        if (ConditionSize < 0) throw new ArgumentException($"condition size {ConditionSize} is negative");
        if (!Enum.IsDefined(Activation)) throw new ArgumentException($"unknown activation {Activation}");
    }

    internal Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        ["model.kind"] = PixelCnnNetwork<double>.KindName,
        ["model.variables"] = Variables.ToString(CultureInfo.InvariantCulture),
        ["model.height"] = Height.ToString(CultureInfo.InvariantCulture),
        ["model.width"] = Width.ToString(CultureInfo.InvariantCulture),
        ["model.channels"] = Channels.ToString(CultureInfo.InvariantCulture),
        ["model.kernel_half_width"] = HalfWidth.ToString(CultureInfo.InvariantCulture),
        ["model.layers"] = Layers.ToString(CultureInfo.InvariantCulture),
        ["model.residual"] = Residual ? "true" : "false",
        ["model.activation"] = Activation == Activation.Tanh ? "tanh" : "relu",
        ["model.condition_size"] = ConditionSize.ToString(CultureInfo.InvariantCulture),
        ["model.periodic"] = Periodic ? "true" : "false",
    };

    /// <summary>Reads the "model.*" keys written by <see cref="ToMetadata"/>; the message names the bad key.</summary>
    internal static PixelCnnConfig FromMetadata(IReadOnlyDictionary<string, string> metadata, string source)
    {
        int Int(string key) =>
            metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)
                ? v
                : throw new InvalidDataException($"{source}: metadata '{key}' is missing or not a non-negative integer");
        string Text(string key) =>
            metadata.TryGetValue(key, out var text) ? text : throw new InvalidDataException($"{source}: metadata '{key}' is missing");
        var activation = Text("model.activation") switch
        {
            "tanh" => Activation.Tanh,
            "relu" => Activation.Relu,
            var other => throw new InvalidDataException($"{source}: metadata 'model.activation' = '{other}' is not tanh or relu"),
        };
        bool Flag(string key, string text) => text switch
        {
            "true" => true,
            "false" => false,
            var other => throw new InvalidDataException($"{source}: metadata '{key}' = '{other}' is not true or false"),
        };
        var residual = Flag("model.residual", Text("model.residual"));
        // Files written before periodic windows existed have no key: zero padding.
        var periodic = Flag("model.periodic", metadata.TryGetValue("model.periodic", out var p) ? p : "false");
        var config = new PixelCnnConfig(Int("model.height"), Int("model.width"), Int("model.channels"), Int("model.kernel_half_width"),
            Int("model.layers"), residual, activation, Int("model.condition_size"), periodic);
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        if (metadata.TryGetValue("model.variables", out var variables) && variables != config.Variables.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"{source}: metadata 'model.variables' = '{variables}' is not height × width = {config.Variables}");
        return config;
    }
}
