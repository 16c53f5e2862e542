using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Dem;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Sampling;

public sealed class CircuitSamplerTests
{
    public static TheoryData<string> Circuits() => new()
    {
        "sc_umx_d03_r03_p0.002.stim",
        "cc_xyz_d03_r03_p0.002.stim",
        "sc_cc_d03_r01_p0.05.stim",
        "rep_mem_d07_r30_p0.01.stim",
    };

    /// <summary>
    /// Detector and observable marginals of 10⁵ shots against the exact marginals of the analyzed DEM
    /// (an independent derivation: backward sensitivity propagation): P(bit) = (1 − Π(1 − 2pᵢ))/2 over
    /// the mechanisms that flip it. Every bit within 5σ (binomial σ at the exact p).
    /// </summary>
    [Theory]
    [MemberData(nameof(Circuits))]
    public void MarginalsMatchTheDetectorErrorModel(string name)
    {
        var circuit = Circuit.Load(TestPaths.Data("circuits/" + name));
        var flat = ErrorAnalyzer.Analyze(circuit).Flatten();
        var sampler = new CircuitSampler(circuit);
        Assert.Equal(flat.NumDetectors, sampler.NumDetectors);
        Assert.Equal(flat.NumObservables, sampler.NumObservables);
        const int shots = 100_000;
        var (dets, obs) = sampler.Sample(shots, 12345);
        var (detExact, obsExact) = ExactMarginals(flat);
        AssertMarginals(dets, sampler.DetectorBytesPerShot, detExact, shots, "D");
        AssertMarginals(obs, sampler.ObservableBytesPerShot, obsExact, shots, "L");
    }

    [Fact]
    public void ANoiselessCircuitHasNoDetectionEvents()
    {
        string text = File.ReadAllText(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"));
        // Drop every noise channel and measurement flip: every detector is then deterministic.
        var lines = text.Split('\n')
            .Where(l => !l.TrimStart().StartsWith("DEPOLARIZE", StringComparison.Ordinal)
                && !l.TrimStart().StartsWith("X_ERROR", StringComparison.Ordinal)
                && !l.TrimStart().StartsWith("Z_ERROR", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^(\s*M[RXYZ]*)\([0-9.e-]+\)", "$1"));
        var circuit = Circuit.Parse(string.Join('\n', lines));
        var sampler = new CircuitSampler(circuit);
        Assert.True(sampler.NumDetectors > 0);
        var (dets, obs) = sampler.Sample(1000, 3);
        Assert.All(dets, b => Assert.Equal(0, b));
        Assert.All(obs, b => Assert.Equal(0, b));
    }

    [Fact]
    public void EveryGateKeepsAHandBuiltDetectorDeterministic()
    {
        // Gauge randomisation after R/M/RX/MX/RY/MY must never reach a deterministic detector.
        const string text = """
            R 0 1 2
            RX 3
            RY 4
            H 0
            S 0
            SQRT_X 1
            C_XYZ 2
            CX 3 0 1 2
            CZ 0 1
            CY 2 1
            SWAP 0 3
            TICK
            MY 4
            SWAP 0 3
            CY 2 1
            CZ 0 1
            CX 3 0 1 2
            C_XYZ 2
            C_XYZ 2
            SQRT_X 1
            SQRT_X 1
            SQRT_X 1
            S 0
            S 0
            S 0
            H 0
            M 0 1 2
            MX 3
            MR 1
            MRX 3
            M 1
            MX 3
            DETECTOR rec[-8]
            DETECTOR rec[-7]
            DETECTOR rec[-6]
            DETECTOR rec[-5]
            DETECTOR rec[-4]
            DETECTOR rec[-3]
            DETECTOR rec[-2]
            DETECTOR rec[-1]
            """;
        // The reference outcomes: MY 4 = +1 (|i⟩), qubits 0..2 back to |0⟩, qubit 3 back to |+⟩, so all 0.
        var circuit = Circuit.Parse(text);
        Assert.Equal(0, ErrorAnalyzer.Analyze(circuit).Flatten().NumErrors); // the analyzer agrees: deterministic
        var sampler = new CircuitSampler(circuit);
        var (dets, _) = sampler.Sample(640, 9);
        Assert.All(dets, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TheSameSeedGivesTheSameShots()
    {
        var circuit = Circuit.Load(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"));
        var sampler = new CircuitSampler(circuit);
        var a = sampler.Sample(3000, 77);
        var b = sampler.Sample(3000, 77);
        var c = sampler.Sample(3000, 78);
        Assert.Equal(a.DetectionEvents, b.DetectionEvents);
        Assert.Equal(a.ObservableFlips, b.ObservableFlips);
        Assert.NotEqual(a.DetectionEvents, c.DetectionEvents);
        // A prefix of a longer run is the shorter run (batches drawn in order).
        var longer = sampler.Sample(5000, 77);
        Assert.Equal(a.DetectionEvents, longer.DetectionEvents.AsSpan(0, a.DetectionEvents.Length).ToArray());
    }

    [Fact]
    public void TransposeOf64By64BitsMatchesBitByBit()
    {
        var rng = new Qec.Core.Sampling.Xoshiro256StarStar(5);
        var rows = new ulong[64];
        for (int i = 0; i < 64; i++) rows[i] = rng.NextUInt64();
        var copy = (ulong[])rows.Clone();
        BitTranspose.Transpose64(rows);
        for (int r = 0; r < 64; r++)
        {
            for (int c = 0; c < 64; c++)
            {
                Assert.Equal((copy[r] >> c) & 1, (rows[c] >> r) & 1);
            }
        }
    }

    private static (double[] Detectors, double[] Observables) ExactMarginals(FlatDetectorErrorModel flat)
    {
        // Π(1 − 2p) per bit; a mechanism flips a bit when the bit appears an odd number of times.
        var detProduct = Enumerable.Repeat(1.0, flat.NumDetectors).ToArray();
        var obsProduct = Enumerable.Repeat(1.0, flat.NumObservables).ToArray();
        for (int e = 0; e < flat.NumErrors; e++)
        {
            var parity = new Dictionary<DemTarget, int>();
            foreach (var target in flat.Targets(e))
            {
                if (target.Kind != DemTargetKind.Separator)
                {
                    parity[target] = parity.GetValueOrDefault(target) ^ 1;
                }
            }
            double factor = 1 - 2 * flat.Probability(e);
            foreach (var (target, odd) in parity)
            {
                if (odd == 1)
                {
                    var product = target.Kind == DemTargetKind.Detector ? detProduct : obsProduct;
                    product[(int)target.Index] *= factor;
                }
            }
        }
        return (detProduct.Select(x => (1 - x) / 2).ToArray(), obsProduct.Select(x => (1 - x) / 2).ToArray());
    }

    private static void AssertMarginals(byte[] bits, int bytesPerShot, double[] exact, int shots, string prefix)
    {
        for (int k = 0; k < exact.Length; k++)
        {
            int count = 0;
            for (int s = 0; s < shots; s++)
            {
                count += (bits[s * bytesPerShot + (k >> 3)] >> (k & 7)) & 1;
            }
            double p = exact[k];
            double sigma = Math.Sqrt(shots * p * (1 - p));
            double deviation = Math.Abs(count - shots * p);
            Assert.True(deviation <= 5 * sigma + 1e-9,
                $"{prefix}{k}: {count}/{shots} sampled, exact p = {p:G6} ({deviation / Math.Max(sigma, 1e-12):F1}σ)");
        }
    }
}
