using System.Numerics;
using Qec.Generative.Layers;
using Qec.Generative.Models;

namespace Qec.Generative.Tests;

/// <summary>
/// The network shapes the model-level tests run on, by name, so each property (normalization, autoregressive
/// masks, float32 against float64, sampling, greedy decoding, gradients) is one theory over MADE and PixelCNN alike:
/// with and without a condition, residual, ReLU, no hidden layer, one variable, a one-row lattice.
/// </summary>
internal static class ModelCases
{
    private static readonly Dictionary<string, object> Configs = new()
    {
        ["made 8, 2×16"] = new MadeConfig(8, ConditionSize: 0, HiddenWidth: 16, HiddenLayers: 2),
        ["made 9 | 5, 2×12 residual relu"] = new MadeConfig(9, ConditionSize: 5, HiddenWidth: 12, HiddenLayers: 2, Residual: true, Activation: Activation.Relu),
        ["made 10 | 3, 1×7"] = new MadeConfig(10, ConditionSize: 3, HiddenWidth: 7, HiddenLayers: 1),
        ["made 8 | 2, no hidden layer"] = new MadeConfig(8, ConditionSize: 2, HiddenLayers: 0),
        ["made 8 | 4, 2×16"] = new MadeConfig(8, ConditionSize: 4, HiddenWidth: 16, HiddenLayers: 2),
        ["made 4 | 2, 2×8"] = new MadeConfig(4, ConditionSize: 2, HiddenWidth: 8, HiddenLayers: 2),
        ["made 10 | 4, 2×16 residual"] = new MadeConfig(10, ConditionSize: 4, HiddenWidth: 16, HiddenLayers: 2, Residual: true),
        ["made 6, 2×10"] = new MadeConfig(6, ConditionSize: 0, HiddenWidth: 10, HiddenLayers: 2),
        ["made 6 | 4, 2×10"] = new MadeConfig(6, ConditionSize: 4, HiddenWidth: 10, HiddenLayers: 2),
        ["made 5 | 3, 3×8 residual"] = new MadeConfig(5, ConditionSize: 3, HiddenWidth: 8, HiddenLayers: 3, Residual: true),
        ["made 5 | 2, no hidden layer"] = new MadeConfig(5, ConditionSize: 2, HiddenLayers: 0),
        ["made 1 | 2, 1×4"] = new MadeConfig(1, ConditionSize: 2, HiddenWidth: 4, HiddenLayers: 1),
        ["pixelcnn 3×3, 4 ch, 3 layers"] = new PixelCnnConfig(3, 3, Channels: 4, HalfWidth: 1, Layers: 3),
        ["pixelcnn 2×4 | 3, half-width 2, 4 layers residual relu"] = new PixelCnnConfig(2, 4, Channels: 3, HalfWidth: 2, Layers: 4, Residual: true, Activation: Activation.Relu, ConditionSize: 3),
        ["pixelcnn 4×3 | 2, 2 layers"] = new PixelCnnConfig(4, 3, Channels: 2, HalfWidth: 1, Layers: 2, ConditionSize: 2),
        ["pixelcnn 3×4, 1 layer"] = new PixelCnnConfig(3, 4, HalfWidth: 1, Layers: 1),
        ["pixelcnn 1×9, half-width 2, residual"] = new PixelCnnConfig(1, 9, Channels: 2, HalfWidth: 2, Layers: 3, Residual: true),
        ["pixelcnn 2×4 | 2, 4 ch, 3 layers"] = new PixelCnnConfig(2, 4, Channels: 4, HalfWidth: 1, Layers: 3, ConditionSize: 2),
        ["pixelcnn 2×2 | 2, 3 ch"] = new PixelCnnConfig(2, 2, Channels: 3, HalfWidth: 1, Layers: 3, ConditionSize: 2),
        ["pixelcnn 4×5 | 3, half-width 2, residual"] = new PixelCnnConfig(4, 5, Channels: 4, HalfWidth: 2, Layers: 3, Residual: true, ConditionSize: 3),
        ["pixelcnn 3×3, 3 ch, 3 layers"] = new PixelCnnConfig(3, 3, Channels: 3, HalfWidth: 1, Layers: 3),
        ["pixelcnn 3×3 | 2, 4 layers residual"] = new PixelCnnConfig(3, 3, Channels: 2, HalfWidth: 1, Layers: 4, Residual: true, ConditionSize: 2),
        ["pixelcnn 2×4 | 3, half-width 2"] = new PixelCnnConfig(2, 4, Channels: 3, HalfWidth: 2, Layers: 2, ConditionSize: 3),
        ["pixelcnn 3×2 | 1, 1 layer"] = new PixelCnnConfig(3, 2, HalfWidth: 1, Layers: 1, ConditionSize: 1),
        ["pixelcnn 3×3 periodic, 3 ch, 3 layers residual"] = new PixelCnnConfig(3, 3, Channels: 3, HalfWidth: 1, Layers: 3, Residual: true, Periodic: true),
        ["pixelcnn 2×4 | 2 periodic, half-width 2"] = new PixelCnnConfig(2, 4, Channels: 2, HalfWidth: 2, Layers: 3, ConditionSize: 2, Periodic: true),
        ["pixelcnn 3×3 periodic, 1 layer"] = new PixelCnnConfig(3, 3, HalfWidth: 1, Layers: 1, Periodic: true),
    };

    /// <summary>Small enough to enumerate all 2ⁿ strings: normalization and the autoregressive property.</summary>
    public static TheoryData<string> Enumerable =>
    [
        "made 8, 2×16", "made 9 | 5, 2×12 residual relu", "made 10 | 3, 1×7", "made 8 | 2, no hidden layer",
        "pixelcnn 3×3, 4 ch, 3 layers", "pixelcnn 2×4 | 3, half-width 2, 4 layers residual relu", "pixelcnn 4×3 | 2, 2 layers",
        "pixelcnn 3×4, 1 layer", "pixelcnn 1×9, half-width 2, residual",
        "pixelcnn 3×3 periodic, 3 ch, 3 layers residual", "pixelcnn 2×4 | 2 periodic, half-width 2", "pixelcnn 3×3 periodic, 1 layer",
    ];

    /// <summary>Eight variables with a condition, for float32 against float64 over all 256 strings.</summary>
    public static TheoryData<string> Float32 => ["made 8 | 4, 2×16", "pixelcnn 2×4 | 2, 4 ch, 3 layers"];

    /// <summary>Four variables with a condition: 16 outcomes, for the χ² test of ancestral sampling.</summary>
    public static TheoryData<string> Sampling => ["made 4 | 2, 2×8", "pixelcnn 2×2 | 2, 3 ch"];

    /// <summary>Conditioned shapes for greedy decoding and seeded batches.</summary>
    public static TheoryData<string> Greedy => ["made 10 | 4, 2×16 residual", "pixelcnn 4×5 | 3, half-width 2, residual"];

    /// <summary>Shapes for the finite-difference gradient check (every parameter).</summary>
    public static TheoryData<string> Gradient =>
    [
        "made 6, 2×10", "made 6 | 4, 2×10", "made 5 | 3, 3×8 residual", "made 5 | 2, no hidden layer", "made 1 | 2, 1×4",
        "pixelcnn 3×3, 3 ch, 3 layers", "pixelcnn 3×3 | 2, 4 layers residual", "pixelcnn 2×4 | 3, half-width 2", "pixelcnn 3×2 | 1, 1 layer",
        "pixelcnn 3×3 periodic, 3 ch, 3 layers residual", "pixelcnn 2×4 | 2 periodic, half-width 2", "pixelcnn 3×3 periodic, 1 layer",
    ];

    /// <summary>The network called <paramref name="name"/>, weights from <paramref name="seed"/>.</summary>
    public static IAutoregressiveModel<T> Build<T>(string name, ulong seed) where T : unmanaged, IFloatingPointIeee754<T> => Configs[name] switch
    {
        MadeConfig made => new MadeNetwork<T>(made, seed),
        PixelCnnConfig pixel => new PixelCnnNetwork<T>(pixel, seed),
        var other => throw new InvalidOperationException($"no network for {other}"),
    };
}
