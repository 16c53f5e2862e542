using System.Globalization;
using MathNet.Numerics.Distributions;
using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Sampling;
using Qec.Core.Decoding;
using Qec.Core.Dem;
using Qec.Core.Formats;
using Qec.Core.Sampling;
using Qec.Matching.Mwpm;

namespace Qec.Bench;

/// <summary>
/// <c>circuit-sample-check [--cases sc_rmz_d05_r05_p0.005,sc_rmz_d11_r11_p0.005 --shots 1000000 --seed 20261205]</c>:
/// issue 15's sampling acceptance at full size. For each reference circuit, N shots of our circuit sampler are
/// checked (1) against the exact marginals and pairwise joints of the circuit's DEM (<see cref="ExactBitStatistics"/>
/// on our analysis, byte-identical to Stim's), (2) against Stim's own <c>stim detect</c> shots (two-sample test,
/// every marginal and pair), and (3) by decoding: mwpm's logical error rate on our shots against that on Stim's
/// shots and on N shots of the DEM sampler (same distribution, independent code). Prints the largest |z| of each
/// family of checks and the number of checks beyond 5σ.
/// </summary>
internal static class CircuitSampleCheckRun
{
    public static void Run(string[] rest)
    {
        var args = new BenchArgs("circuit-sample-check", rest, "cases", "shots", "seed");
        var cases = args.Names("cases", ["sc_rmz_d05_r05_p0.005", "sc_rmz_d11_r11_p0.005"]);
        int shots = args.Int("shots", 1_000_000);
        ulong seed = (ulong)args.Int("seed", 20261205);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"# circuit-sample-check, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {shots} shots of ours, seed {seed}");
        foreach (string name in cases)
        {
            var circuit = Circuit.Load(ReferenceData.Path("circuits", name + ".stim"));
            var sampler = new CircuitSampler(circuit);
            int detectors = sampler.NumDetectors, observables = sampler.NumObservables;
            var exact = ExactBitStatistics.Of(ErrorAnalyzer.Analyze(circuit).Flatten());
            var (dets, obs) = sampler.Sample(shots, seed);
            var ours = Columns(dets, obs, detectors, observables, shots);
            var stimDets = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".dets.b8"), SampleFormat.B8, ShotLayout.Detectors(detectors));
            var stimObs = ReferenceData.ReadShots(ReferenceData.Path("shots", name + ".obs.01"), SampleFormat.Format01, ShotLayout.Observables(observables));
            int stimShots = stimDets.Length / ((detectors + 7) >> 3);
            var theirs = Columns(stimDets, stimObs, detectors, observables, stimShots);

            var vsExact = new ZTally();
            var vsStim = new ZTally();
            var stimVsExact = new ZTally();
            for (int a = 0; a < exact.NumBits; a++)
            {
                for (int b = a; b < exact.NumBits; b++)
                {
                    double p = exact.Joint(a, b);
                    int mine = BitColumns.CountBoth(ours[a], ours[b]), stim = BitColumns.CountBoth(theirs[a], theirs[b]);
                    vsExact.Add(ZExact(mine, shots, p), a, b, mine, shots * p);
                    stimVsExact.Add(ZExact(stim, stimShots, p), a, b, stim, stimShots * p);
                    vsStim.Add(ZTwoSample(mine, shots, stim, stimShots), a, b, mine, stim * (double)shots / stimShots);
                }
            }
            Console.WriteLine(string.Create(inv, $"{name}: {detectors} detectors, {vsExact.Count} marginals and pairs; Stim shots {stimShots}"));
            Console.WriteLine(string.Create(inv, $"  ours vs exact:   max |z| {vsExact.Max:F2}, beyond 5σ {vsExact.Beyond5}, beyond 4σ {vsExact.Beyond4}; largest at {vsExact.Worst}"));
            Console.WriteLine(string.Create(inv, $"  ours vs Stim:    max |z| {vsStim.Max:F2}, beyond 5σ {vsStim.Beyond5}, beyond 4σ {vsStim.Beyond4}; largest at {vsStim.Worst}"));
            Console.WriteLine(string.Create(inv, $"  Stim vs exact:   max |z| {stimVsExact.Max:F2}, beyond 5σ {stimVsExact.Beyond5}, beyond 4σ {stimVsExact.Beyond4}; largest at {stimVsExact.Worst}"));

            var dem = DetectorErrorModel.Load(ReferenceData.Path("dems", name + ".dem"));
            var compiled = MwpmCompiledDecoder.FromDem(dem);
            var (demDets, demObs) = new DemSampler(dem).Sample(shots, seed + 1);
            int oursErrors = Errors(compiled, dets, obs, shots);
            int demErrors = Errors(compiled, demDets, demObs, shots);
            int stimErrors = Errors(compiled, stimDets, stimObs, stimShots);
            Console.WriteLine(string.Create(inv,
                $"  mwpm errors: ours {oursErrors}/{shots} ({(double)oursErrors / shots:E3}), DEM sampler {demErrors}/{shots} ({(double)demErrors / shots:E3}, z {ZTwoSample(oursErrors, shots, demErrors, shots):F2}), Stim {stimErrors}/{stimShots} ({(double)stimErrors / stimShots:E3}, z {ZTwoSample(oursErrors, shots, stimErrors, stimShots):F2})"));
        }
    }

    private static ulong[][] Columns(byte[] dets, byte[] obs, int detectors, int observables, int shots) =>
        [.. BitColumns.FromShots(dets, detectors, shots), .. BitColumns.FromShots(obs, observables, shots)];

    /// <summary>Shots whose mwpm prediction differs from the true observables, decoded on every core.</summary>
    private static int Errors(ICompiledDecoder compiled, byte[] dets, byte[] obs, int shots)
    {
        int errors = 0;
        int chunks = Environment.ProcessorCount;
        Parallel.For(0, chunks, chunk =>
        {
            int first = (int)((long)shots * chunk / chunks), last = (int)((long)shots * (chunk + 1) / chunks);
            var tally = ShotTally.Decode(compiled.CreateDecoder(), dets, obs, first, last - first);
            Interlocked.Add(ref errors, tally.Errors);
        });
        return errors;
    }

    /// <summary>
    /// |z| of <paramref name="count"/> successes in <paramref name="shots"/> trials of probability p: the normal
    /// score when the variance is large (≥ 100), else the two-sided exact binomial tail turned into the |z| with the
    /// same tail — rare pairs (an expected count below one in 2,000 Stim shots) make the normal score meaningless.
    /// </summary>
    private static double ZExact(int count, int shots, double p)
    {
        double mean = shots * p, variance = mean * (1 - p);
        if (variance >= 100)
        {
            return Math.Abs(count - mean) / Math.Sqrt(variance);
        }
        double tail = count >= mean ? 1 - Binomial.CDF(p, shots, count - 1) : Binomial.CDF(p, shots, count);
        double twoSided = Math.Min(1, 2 * tail);
        return twoSided >= 1 ? 0 : twoSided <= 0 ? double.PositiveInfinity : -Normal.InvCDF(0, 1, twoSided / 2);
    }

    /// <summary>
    /// |z| of two samples' counts of the same event: conditional on the total k = a + b, a is binomial(k, nₐ/(nₐ + n_b))
    /// when both have the same rate (the exact test for two Poisson-like counts), scored by <see cref="ZExact"/>.
    /// </summary>
    private static double ZTwoSample(int countA, int shotsA, int countB, int shotsB) =>
        ZExact(countA, countA + countB, shotsA / (double)(shotsA + shotsB));

    private sealed class ZTally
    {
        public int Count, Beyond4, Beyond5;
        public double Max;
        private string _worst = "";

        /// <summary>Where the largest |z| is: bits a, b (a = b: a marginal; the last bit is the observable), count and expected.</summary>
        public string Worst => _worst;

        public void Add(double z, int a, int b, int count, double expected)
        {
            Count++;
            if (z > Max)
            {
                _worst = string.Create(CultureInfo.InvariantCulture, $"bits {a}, {b}: {count} against {expected:F1}");
            }
            Max = Math.Max(Max, z);
            Beyond4 += z > 4 ? 1 : 0;
            Beyond5 += z > 5 ? 1 : 0;
        }
    }
}
