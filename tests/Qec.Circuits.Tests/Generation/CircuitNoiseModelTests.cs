using Qec.Circuits.Analysis;
using Qec.Circuits.Generation;
using Qec.Circuits.Model;

namespace Qec.Circuits.Tests.Generation;

/// <summary>
/// SD6 and SI1000 (Gidney et al. 2021, Table 2, as Gidney's noise-model code applies them) on a hand-checkable circuit, text written out by hand; and on
/// every generated family: the noisy circuit analyzes, with the noiseless circuit's detectors and observables.
/// </summary>
public sealed class CircuitNoiseModelTests
{
    // Qubit 2 is never touched after its reset: idle in every later moment, a resonator idle in the measure moment.
    private static StimCircuitBuilder Tiny() => new StimCircuitBuilder()
        .Append("R", [0, 1, 2]).Tick()
        .Append("H", [0]).Tick()
        .Append("CX", [0, 1]).Tick()
        .Append("M", [0, 1])
        .Append("DETECTOR", [StimCircuitBuilder.Record(1)]);

    [Fact]
    public void Sd6PutsPOnEveryGateResetMeasurementAndIdleQubit()
    {
        const string expected =
            "R 0 1 2\nX_ERROR(0.01) 0 1 2\nTICK\n" +
            "H 0\nDEPOLARIZE1(0.01) 0 1 2\nTICK\n" +                      // H's noise on 0 fused with idle 1, 2
            "CX 0 1\nDEPOLARIZE2(0.01) 0 1\nDEPOLARIZE1(0.01) 2\nTICK\n" +
            "M(0.01) 0 1\nDEPOLARIZE1(0.01) 0 1 2\nDETECTOR rec[-1]\n";   // result flip; depolarized after M, fused with idle 2
        Assert.Equal(expected, CircuitNoiseModel.Sd6(0.01).Apply(Tiny()).ToString());
    }

    [Fact]
    public void Si1000UsesCzAndItsRatiosWithResonatorIdleDuringMeasurement()
    {
        const string expected =
            "R 0 1 2\nX_ERROR(0.02) 0 1 2\nTICK\n" +
            "H 0\nDEPOLARIZE1(0.001) 0 1 2\nTICK\n" +
            "H 1\nDEPOLARIZE1(0.001) 1 0 2\nTICK\n" +                     // CX 0 1 = H 1 · CZ 0 1 · H 1
            "CZ 0 1\nDEPOLARIZE2(0.01) 0 1\nDEPOLARIZE1(0.001) 2\nTICK\n" +
            "H 1\nDEPOLARIZE1(0.001) 1 0 2\nTICK\n" +
            "M(0.05) 0 1\nDEPOLARIZE1(0.01) 0 1\nDEPOLARIZE1(0.001) 2\nDEPOLARIZE1(0.02) 2\nDETECTOR rec[-1]\n"; // idle p/10 plus 2p
        Assert.Equal(expected, CircuitNoiseModel.Si1000(0.01).Apply(Tiny()).ToString());
    }

    [Fact]
    public void MeasureResetFlipsTheResultThenTheResetAndIsNotDepolarizedInBetween()
    {
        var circuit = new StimCircuitBuilder().Append("R", [0, 1]).Tick().Append("MR", [0]).Append("DETECTOR", [StimCircuitBuilder.Record(1)]);
        const string expected =
            "R 0 1\nX_ERROR(0.02) 0 1\nTICK\n" +
            "MR(0.05) 0\nX_ERROR(0.02) 0\nDEPOLARIZE1(0.001) 1\nDEPOLARIZE1(0.02) 1\nDETECTOR rec[-1]\n";
        Assert.Equal(expected, CircuitNoiseModel.Si1000(0.01).Apply(circuit).ToString());
    }

    public static TheoryData<string, string, int, int> Families => new()
    {
        { "sd6", "rotated_memory_z", 3, 3 }, { "si1000", "rotated_memory_z", 3, 3 },
        { "sd6", "rotated_memory_x", 3, 4 }, { "si1000", "rotated_memory_x", 5, 2 },
        { "sd6", "unrotated_memory_z", 3, 2 }, { "si1000", "unrotated_memory_x", 3, 3 },
        { "sd6", "memory", 5, 4 }, { "si1000", "memory", 3, 1 },
        { "sd6", "memory_xyz", 3, 4 }, { "si1000", "memory_xyz", 3, 5 },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void NoisyGeneratedCircuitsAnalyzeWithTheNoiselessStructure(string model, string task, int d, int rounds)
    {
        var noiseless = task switch
        {
            "memory" => RepetitionCodeCircuit.Generate(d, rounds, StimGenNoise.None),
            "memory_xyz" => ColorCodeCircuit.Generate(d, rounds, StimGenNoise.None),
            _ => SurfaceCodeCircuit.Generate(task, d, rounds, StimGenNoise.None),
        };
        var noisy = noiseless.WithNoise(CircuitNoiseModel.Create(model, 0.001), 0.001);
        var reference = ErrorAnalyzer.Analyze(Circuit.Parse(noiseless.ToStimText()));
        // The colour code's errors are not all graph-like (Stim refuses to decompose d = 5 too): analyze plainly.
        var dem = ErrorAnalyzer.Analyze(Circuit.Parse(noisy.ToStimText(), model), decomposeErrors: task != "memory_xyz");
        Assert.Equal(reference.NumDetectors, dem.NumDetectors);
        Assert.Equal(reference.NumObservables, dem.NumObservables);
        Assert.True(dem.NumErrors > 0);
        Assert.True(reference.NumDetectors > 0);
    }

    [Fact]
    public void RefusesANoisyInputAndBadStrengths()
    {
        var noisy = SurfaceCodeCircuit.Generate("rotated_memory_z", 3, 2, new StimGenNoise(0.001, 0, 0, 0));
        Assert.Contains("noiseless", Assert.Throws<ArgumentException>(() => noisy.WithNoise(CircuitNoiseModel.Sd6(0.001), 0.001)).Message, StringComparison.Ordinal);
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => CircuitNoiseModel.Create("si1000", 0.3)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown noise model 'sd7'", Assert.Throws<ArgumentException>(() => CircuitNoiseModel.Create("sd7", 0.1)).Message, StringComparison.Ordinal);
    }
}
