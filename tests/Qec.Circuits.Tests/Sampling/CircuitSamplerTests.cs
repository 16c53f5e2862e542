using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Sampling;
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
    /// Every detector and observable marginal and every pairwise joint P(a ∧ b) of 10⁵ shots against the exact
    /// statistics of the analyzed DEM (an independent derivation: backward sensitivity propagation, then
    /// <see cref="ExactBitStatistics"/>). Every one within 5σ (binomial σ at the exact p).
    /// </summary>
    [Theory]
    [MemberData(nameof(Circuits))]
    public void MarginalsAndPairsMatchTheDetectorErrorModel(string name)
    {
        var circuit = Circuit.Load(TestPaths.Data("circuits/" + name));
        var flat = ErrorAnalyzer.Analyze(circuit).Flatten();
        var sampler = new CircuitSampler(circuit);
        Assert.Equal(flat.NumDetectors, sampler.NumDetectors);
        Assert.Equal(flat.NumObservables, sampler.NumObservables);
        const int shots = 100_000;
        var (dets, obs) = sampler.Sample(shots, 12345);
        var columns = SampleChecks.Columns(dets, sampler.NumDetectors, obs, sampler.NumObservables, shots);
        SampleChecks.AssertMatchesExact(columns, shots, ExactBitStatistics.Of(flat), name);
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

    /// <summary>Threads change nothing but speed: 1, 2 and 3 threads give the same bytes, including a short last batch.</summary>
    [Fact]
    public void EveryThreadCountGivesTheSameShots()
    {
        var sampler = new CircuitSampler(Circuit.Load(TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim")), wordsPerBatch: 4);
        int shots = 11 * sampler.BatchShots + 37; // more batches than one parallel round of 2 × 4 or 3 × 4
        var one = sampler.Sample(shots, 99);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = sampler.Sample(shots, 99, threads);
            Assert.Equal(one.DetectionEvents, many.DetectionEvents);
            Assert.Equal(one.ObservableFlips, many.ObservableFlips);
        }
        Assert.Contains(one.DetectionEvents, b => b != 0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TransposeOf64By64BitsMatchesBitByBit(bool portable)
    {
        var rng = new Qec.Core.Sampling.Xoshiro256StarStar(5);
        var rows = new ulong[64];
        for (int i = 0; i < 64; i++) rows[i] = rng.NextUInt64();
        var copy = (ulong[])rows.Clone();
        if (portable)
        {
            BitTranspose.Transpose64Scalar(rows);
        }
        else
        {
            BitTranspose.Transpose64(rows); // the SIMD path where the hardware has one
        }
        for (int r = 0; r < 64; r++)
        {
            for (int c = 0; c < 64; c++)
            {
                Assert.Equal((copy[r] >> c) & 1, (rows[c] >> r) & 1);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public void BatchSizesThatAreNotPowersOfTwoFromFourAreRefused(int words)
    {
        var circuit = Circuit.Parse("R 0\nM 0\nDETECTOR rec[-1]\n");
        var e = Assert.Throws<ArgumentException>(() => new CircuitSampler(circuit, words));
        Assert.Contains($"power of two ≥ 4, not {words}", e.Message);
    }

    /// <summary>The frame simulator reaches rows without bounds checks; a circuit built in code with a negative qubit must be refused up front.</summary>
    [Fact]
    public void ACircuitBuiltInCodeWithANegativeQubitIsRefused()
    {
        var h = new CircuitInstruction(GateKind.H, "H", [], [-1], "", 3, 1);
        var m = new CircuitInstruction(GateKind.M, "M", [], [0], "", 4, 1);
        var circuit = new Circuit([h, m]);
        var e = Assert.Throws<ArgumentException>(() => new CircuitSampler(circuit).Sample(10, 1));
        Assert.Contains("line 3: H targets qubit -1", e.Message);
    }

    /// <summary>
    /// The b8 bytes of a whole batch and of a short one against a bit-by-bit transposition of the same
    /// simulation (same seed, one batch): the word-wide stores that spill into the next shot must leave
    /// every shot's bits right and its padding zero, also for the last shot of the buffer.
    /// </summary>
    [Theory]
    [MemberData(nameof(Circuits))]
    public void ShotMajorBytesAreTheSimulatedRowsBitByBit(string name) =>
        AssertShotMajorBytesAreTheSimulatedRows(Circuit.Load(TestPaths.Data("circuits/" + name)));

    /// <summary>As above with 70 detectors (9 bytes per shot): the second block of rows has one byte per shot and spills 7.</summary>
    [Fact]
    public void ShotMajorBytesAreRightWhenTheLastBlockOfRowsIsShort()
    {
        var text = new System.Text.StringBuilder("R");
        for (int q = 0; q < 70; q++) text.Append(' ').Append(q);
        text.Append("\nX_ERROR(0.3)");
        for (int q = 0; q < 70; q++) text.Append(' ').Append(q);
        text.Append("\nM");
        for (int q = 0; q < 70; q++) text.Append(' ').Append(q);
        text.Append('\n');
        for (int k = 70; k >= 1; k--) text.Append("DETECTOR rec[-").Append(k).Append("]\n");
        text.Append("OBSERVABLE_INCLUDE(0) rec[-1] rec[-2]\n");
        AssertShotMajorBytesAreTheSimulatedRows(Circuit.Parse(text.ToString()));
    }

    private static void AssertShotMajorBytesAreTheSimulatedRows(Circuit circuit)
    {
        var sampler = new CircuitSampler(circuit);
        foreach (int shots in new[] { sampler.BatchShots, 100 })
        {
            var (dets, obs) = sampler.Sample(shots, 31);
            var rng = new Xoshiro256StarStar(31);
            var sim = new FrameSimulator(circuit, CircuitShape.Of(circuit), sampler.WordsPerBatch);
            sim.Run(ref rng);
            AssertRowsAreShots(sim.Detectors, sampler.NumDetectors, sampler.WordsPerBatch, dets, sampler.DetectorBytesPerShot, shots);
            AssertRowsAreShots(sim.Observables, sampler.NumObservables, sampler.WordsPerBatch, obs, sampler.ObservableBytesPerShot, shots);
        }
    }

    private static void AssertRowsAreShots(ReadOnlySpan<ulong> rows, int numRows, int words, byte[] b8, int bytesPerShot, int shots)
    {
        Assert.Equal(shots * bytesPerShot, b8.Length);
        for (int s = 0; s < shots; s++)
        {
            for (int bit = 0; bit < 8 * bytesPerShot; bit++)
            {
                ulong expected = bit < numRows ? (rows[bit * words + (s >> 6)] >> (s & 63)) & 1 : 0;
                Assert.True(expected == (ulong)((b8[s * bytesPerShot + (bit >> 3)] >> (bit & 7)) & 1), $"shot {s}, bit {bit}");
            }
        }
    }

    /// <summary>
    /// A detector that is not deterministic must come out random, not silently zero: the gauge bits make it a
    /// fair coin, independent between qubits (the XOR of two such results is a fair coin too) and between the
    /// reset of a qubit and its later measurement. 20,000 shots, each fraction within 5σ of ½.
    /// </summary>
    [Theory]
    [InlineData("RX 0\nM 0\nDETECTOR rec[-1]\n")]
    [InlineData("R 0\nMX 0\nDETECTOR rec[-1]\n")]
    [InlineData("RY 0\nM 0\nDETECTOR rec[-1]\n")]
    [InlineData("R 0\nMY 0\nDETECTOR rec[-1]\n")]
    [InlineData("RX 0 1\nM 0 1\nDETECTOR rec[-1] rec[-2]\n")]
    [InlineData("RX 0\nMR 0\nMX 0\nDETECTOR rec[-1]\n")]
    [InlineData("M 0\nMX 0\nM 0\nDETECTOR rec[-1] rec[-3]\n")]
    public void ANonDeterministicDetectorIsAFairCoin(string text)
    {
        const int shots = 20_000;
        var (dets, _) = new CircuitSampler(Circuit.Parse(text)).Sample(shots, 41);
        int ones = dets.Count(b => (b & 1) != 0);
        Assert.InRange(ones, shots / 2 - 5 * Math.Sqrt(shots) / 2, shots / 2 + 5 * Math.Sqrt(shots) / 2);
    }

    /// <summary>
    /// Each noise channel's Pauli distribution, site by site: qubit 2k carries a Bell pair with qubit 2k + 1,
    /// the channel acts on the even qubits, and un-doing the pair turns the Pauli on qubit 2k into two
    /// measurement flips (qubit 2k: its Z part, qubit 2k + 1: its X part). 8 sites × 20,000 shots, so
    /// a channel's walk crosses many blocks of successes and every site boundary; each Pauli's frequency
    /// at each site within 5σ of the channel's probability (identity included). DEPOLARIZE2 acts on
    /// the pairs (0, 2), (4, 6), …: 4 sites of 16 outcomes each.
    /// </summary>
    [Theory]
    [InlineData("X_ERROR(0.2)", new[] { 0.8, 0.2, 0, 0 })]
    [InlineData("Y_ERROR(0.2)", new[] { 0.8, 0, 0, 0.2 })]
    [InlineData("Z_ERROR(0.2)", new[] { 0.8, 0, 0.2, 0 })]
    [InlineData("X_ERROR(1)", new[] { 0.0, 1, 0, 0 })]
    [InlineData("DEPOLARIZE1(0.3)", new[] { 0.7, 0.1, 0.1, 0.1 })]
    [InlineData("PAULI_CHANNEL_1(0.1, 0.2, 0.05)", new[] { 0.65, 0.1, 0.05, 0.2 })]
    [InlineData("DEPOLARIZE2(0.3)", new[] { 0.7, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02 })]
    public void EachNoiseChannelAppliesItsPaulisWithTheirProbabilities(string channel, double[] probabilities)
    {
        // Outcome index = Pauli as 2 bits per qubit (bit 0 = X part, bit 1 = Z part): I = 0, X = 1, Z = 2, Y = 3.
        const int qubits = 16;
        const int shots = 20_000;
        var even = Enumerable.Range(0, qubits / 2).Select(k => 2 * k).ToArray();
        var all = string.Join(' ', Enumerable.Range(0, qubits));
        var text = new System.Text.StringBuilder();
        text.AppendLine($"R {all}");
        text.AppendLine($"H {string.Join(' ', even)}");
        text.AppendLine($"CX {string.Join(' ', even.Select(q => $"{q} {q + 1}"))}");
        text.AppendLine($"{channel} {string.Join(' ', even)}");
        text.AppendLine($"CX {string.Join(' ', even.Select(q => $"{q} {q + 1}"))}");
        text.AppendLine($"H {string.Join(' ', even)}");
        text.AppendLine($"M {all}");
        for (int q = 0; q < qubits; q++)
        {
            text.AppendLine($"DETECTOR rec[{q - qubits}]");
        }
        var (dets, _) = new CircuitSampler(Circuit.Parse(text.ToString())).Sample(shots, 2024);
        int bytesPerShot = qubits / 8;
        bool Bit(int shot, int q) => ((dets[shot * bytesPerShot + (q >> 3)] >> (q & 7)) & 1) != 0;
        int Pauli(int shot, int site) => (Bit(shot, 2 * site + 1) ? 1 : 0) | (Bit(shot, 2 * site) ? 2 : 0);
        bool pairs = probabilities.Length == 16;
        int sites = pairs ? qubits / 4 : qubits / 2;
        for (int site = 0; site < sites; site++)
        {
            var counts = new int[probabilities.Length];
            for (int shot = 0; shot < shots; shot++)
            {
                counts[pairs ? Pauli(shot, 2 * site) | (Pauli(shot, 2 * site + 1) << 2) : Pauli(shot, site)]++;
            }
            for (int outcome = 0; outcome < counts.Length; outcome++)
            {
                double p = probabilities[outcome];
                double sigma = Math.Sqrt(shots * p * (1 - p));
                Assert.True(Math.Abs(counts[outcome] - shots * p) <= 5 * sigma + 1e-9,
                    $"{channel}, site {site}, outcome {outcome}: {counts[outcome]} of {shots}, expected {shots * p:F0} ± {sigma:F0}");
            }
        }
    }

    /// <summary>M(p) flips each result with probability p: 8 qubits × 20,000 shots, each detector's rate within 5σ.</summary>
    [Fact]
    public void AMeasurementFlipProbabilityFlipsResultsAtItsRate()
    {
        const int shots = 20_000;
        var (dets, _) = new CircuitSampler(Circuit.Parse("R 0 1 2 3 4 5 6 7\nM(0.15) 0 1 2 3 4 5 6 7\n" +
            string.Concat(Enumerable.Range(1, 8).Select(k => $"DETECTOR rec[-{k}]\n")))).Sample(shots, 5);
        double sigma = Math.Sqrt(shots * 0.15 * 0.85);
        for (int d = 0; d < 8; d++)
        {
            int ones = Enumerable.Range(0, shots).Count(s => ((dets[s] >> d) & 1) != 0);
            Assert.InRange(ones, shots * 0.15 - 5 * sigma, shots * 0.15 + 5 * sigma);
        }
    }
}
