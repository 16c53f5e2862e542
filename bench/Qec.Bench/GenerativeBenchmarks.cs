using BenchmarkDotNet.Attributes;
using Qec.Core.Sampling;
using Qec.Generative.Models;

namespace Qec.Bench;

/// <summary>
/// Inference cost of a conditioned MADE (issue 12) of the size a d = 3–5 generative decoder starts from:
/// n = 50 bits, a 100-bit condition (syndrome) with ~5% of bits set, 2 hidden layers of 128, float32, one thread,
/// one reused workspace. One operation = one sample. Budget of the later goal: a whole d = 5
/// circuit-level decode ≤ 50 µs per shot on one core. MemoryDiagnoser: must stay at 0 B per sample.
/// The PixelCnn* cases: the 2D Ising VAN's PixelCNN (Wu, Wang and Zhang 2019) on a 16×16 lattice, C = 16 channels,
/// k = 2 (5×5 window), 3 layers, tanh, unconditioned, float32; one operation = one sample (Sample, LogProbability)
/// or one sample's weighted gradient (AccumulateGradient: a forward and a backward pass).
/// </summary>
[MemoryDiagnoser]
public class GenerativeBenchmarks
{
    private const int Samples = 256;
    private const int Variables = 50, ConditionSize = 100;

    private MadeNetwork<float> _model = null!;
    private ModelWorkspace _workspace = null!;
    private byte[] _bits = [];
    private byte[] _conditions = [];
    private byte[] _decoded = [];
    private const int PixelSamples = 16, Side = 16;
    private PixelCnnNetwork<float> _pixel = null!;
    private ModelWorkspace _pixelWorkspace = null!;
    private Qec.Generative.Parameters.ParameterSet<float> _pixelGradient = null!;
    private byte[] _lattices = [];
    private Xoshiro256StarStar _pixelRng;

    /// <summary>Whether the hidden layers are residual.</summary>
    [Params(false)]
    public bool Residual { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new MadeNetwork<float>(new MadeConfig(Variables, ConditionSize, HiddenWidth: 128, HiddenLayers: 2, Residual: Residual), seed: 1);
        _workspace = _model.CreateWorkspace();
        var rng = new Xoshiro256StarStar(2);
        _bits = new byte[Samples * Variables];
        _conditions = new byte[Samples * ConditionSize];
        for (int k = 0; k < _bits.Length; k++) _bits[k] = (byte)(rng.NextDouble() < 0.5 ? 1 : 0);
        for (int k = 0; k < _conditions.Length; k++) _conditions[k] = (byte)(rng.NextDouble() < 0.05 ? 1 : 0);
        _decoded = new byte[Variables];
        _pixel = new PixelCnnNetwork<float>(new PixelCnnConfig(Side, Side, Channels: 16, HalfWidth: 2, Layers: 3, Residual: Residual), seed: 3);
        _pixelWorkspace = _pixel.CreateWorkspace();
        _pixelGradient = _pixel.Parameters.CreateZerosLike();
        _pixelRng = new Xoshiro256StarStar(4);
        _lattices = new byte[PixelSamples * Side * Side];
        for (int k = 0; k < _lattices.Length; k++) _lattices[k] = (byte)(rng.NextDouble() < 0.5 ? 1 : 0);
    }

    /// <summary>One ancestral sample of a 16×16 lattice with its log q (one forward pass in raster order).</summary>
    [Benchmark(OperationsPerInvoke = PixelSamples)]
    public float PixelCnnSample()
    {
        float sum = 0;
        for (int b = 0; b < PixelSamples; b++)
            sum += _pixel.Sample(_lattices.AsSpan(b * Side * Side, Side * Side), [], ref _pixelRng, _pixelWorkspace);
        return sum;
    }

    /// <summary>log q(s) of one given 16×16 lattice.</summary>
    [Benchmark(OperationsPerInvoke = PixelSamples)]
    public float PixelCnnLogProbability()
    {
        float sum = 0;
        for (int b = 0; b < PixelSamples; b++)
            sum += _pixel.LogProbability(_lattices.AsSpan(b * Side * Side, Side * Side), [], _pixelWorkspace);
        return sum;
    }

    /// <summary>w · ∇ log q(s) of one 16×16 lattice added into a gradient set (forward + backward).</summary>
    [Benchmark(OperationsPerInvoke = PixelSamples)]
    public float PixelCnnGradient()
    {
        float sum = 0;
        for (int b = 0; b < PixelSamples; b++)
            sum += _pixel.AccumulateGradient(_lattices.AsSpan(b * Side * Side, Side * Side), [], 1e-3f, _pixelGradient, _pixelWorkspace);
        return sum;
    }

    /// <summary>log q(s | c) of one given string.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public float LogProbability()
    {
        float sum = 0;
        for (int b = 0; b < Samples; b++)
            sum += _model.LogProbability(_bits.AsSpan(b * Variables, Variables), _conditions.AsSpan(b * ConditionSize, ConditionSize), _workspace);
        return sum;
    }

    /// <summary>Greedy decoding of one condition (bit by bit argmax) with its log q.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public float Greedy()
    {
        float sum = 0;
        for (int b = 0; b < Samples; b++)
            sum += _model.Greedy(_decoded, _conditions.AsSpan(b * ConditionSize, ConditionSize), _workspace);
        return sum;
    }
}
