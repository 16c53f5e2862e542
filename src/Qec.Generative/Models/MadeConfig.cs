using System.Globalization;
using Qec.Generative.Layers;

namespace Qec.Generative.Models;

/// <summary>
/// The shape of a <see cref="MadeNetwork{T}"/>: <paramref name="Variables"/> bits, an optional condition of
/// <paramref name="ConditionSize"/> bits fed unmasked into every hidden layer and the output,
/// <paramref name="HiddenLayers"/> masked hidden layers of <paramref name="HiddenWidth"/> units (0 layers: a
/// logistic autoregression, logit_i = b_i + Σ_{j&lt;i} W_ij s_j, as in the VAN paper's depth-1 network), and
/// residual connections between hidden layers when <paramref name="Residual"/>.
/// </summary>
public sealed record MadeConfig(
    int Variables,
    int ConditionSize = 0,
    int HiddenWidth = 64,
    int HiddenLayers = 2,
    bool Residual = false,
    Activation Activation = Activation.Tanh)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Variables < 1) throw new ArgumentException($"MADE needs at least one variable, not {Variables}");
        if (ConditionSize < 0) throw new ArgumentException($"condition size {ConditionSize} is negative");
        if (HiddenLayers < 0) throw new ArgumentException($"hidden layer count {HiddenLayers} is negative");
        if (HiddenLayers > 0 && HiddenWidth < 1) throw new ArgumentException($"hidden width {HiddenWidth} must be positive");
        if (!Enum.IsDefined(Activation)) throw new ArgumentException($"unknown activation {Activation}");
    }

    internal Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        ["model.kind"] = MadeNetwork<double>.KindName,
        ["model.variables"] = Variables.ToString(CultureInfo.InvariantCulture),
        ["model.condition_size"] = ConditionSize.ToString(CultureInfo.InvariantCulture),
        ["model.hidden_width"] = HiddenWidth.ToString(CultureInfo.InvariantCulture),
        ["model.hidden_layers"] = HiddenLayers.ToString(CultureInfo.InvariantCulture),
        ["model.residual"] = Residual ? "true" : "false",
        ["model.activation"] = Activation == Activation.Tanh ? "tanh" : "relu",
    };

    /// <summary>Reads the "model.*" keys written by <see cref="ToMetadata"/>; the message names the bad key.</summary>
    internal static MadeConfig FromMetadata(IReadOnlyDictionary<string, string> metadata, string source)
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
        var residual = Text("model.residual") switch
        {
            "true" => true,
            "false" => false,
            var other => throw new InvalidDataException($"{source}: metadata 'model.residual' = '{other}' is not true or false"),
        };
        var config = new MadeConfig(Int("model.variables"), Int("model.condition_size"), Int("model.hidden_width"),
            Int("model.hidden_layers"), residual, activation);
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        return config;
    }
}
