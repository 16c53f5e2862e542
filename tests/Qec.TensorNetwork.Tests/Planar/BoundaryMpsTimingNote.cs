using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Planar;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// Timing note, not a timing assertion: µs per shot of one thread at χ = 8 on sampled shots (seed 7),
/// printed for bench/RESULTS.md; goal: d = 9, χ = 8 under 1 ms per shot. The test only checks that every
/// shot got a finite weight for some class. Its collection runs alone, after the parallel tests, so the
/// other tests do not share its cores (2-core machines).
/// </summary>
[Collection(nameof(BoundaryMpsTimingNote))]
public class BoundaryMpsTimingNote(ITestOutputHelper output)
{
    [Theory]
    [InlineData(NoiseModel.CodeCapacity, 0.1, 400)]
    [InlineData(NoiseModel.CodeCapacityDepolarizing, 0.1, 40)]
    public void Microseconds_per_shot_at_chi_8(NoiseModel noise, double p, int shots)
    {
        output.WriteLine($"{noise}, p = {p}, χ = 8, one thread, {shots} shots sampled with seed 7 (20 warm-up shots)");
        output.WriteLine("| d | µs/shot | bytes/shot | mean discarded weight | layout |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (int d in new[] { 5, 9, 13 })
        {
            var model = CodeGenerators.RotatedSurfaceCode(d, 1, noise, p);
            var mps = BoundaryMpsCosets.Compile(model, 8);
            var (dets, _) = new DemSampler(model).Sample(shots, 7);
            var run = SampledRun.Of(mps, dets, shots, warmup: 20);
            for (int s = 0; s < shots; s++)
            {
                Assert.True(double.IsFinite(run.Logs[2 * s]) || double.IsFinite(run.Logs[2 * s + 1]), $"d = {d}, shot {s}: no finite class weight");
            }
            output.WriteLine($"| {d} | {run.MicrosecondsPerShot:F0} | {run.BytesPerShot:F0} | {run.Discarded / shots:E1} | {mps.Sweep} |");
        }
    }
}

/// <summary>Runs <see cref="BoundaryMpsTimingNote"/> without other tests in parallel.</summary>
[CollectionDefinition(nameof(BoundaryMpsTimingNote), DisableParallelization = true)]
public class BoundaryMpsTimingNoteCollection;
