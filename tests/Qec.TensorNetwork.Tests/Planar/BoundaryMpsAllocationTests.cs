using Qec.Core.Generators;
using Qec.Core.Sampling;
using Qec.TensorNetwork.Planar;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// After the first shots have grown the buffers, <see cref="BoundaryMpsCosets.Compute"/> allocates only
/// inside MathNet's SVD: a shot that runs no SVD must allocate 0 bytes. On the repetition code no shot
/// needs one (front of ≤ 3 sites, no truncation, no centre moves); surface-code shots always run a few,
/// and their bytes per shot are printed by <see cref="BoundaryMpsTimingNote"/>.
/// </summary>
public class BoundaryMpsAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(9, 8)]
    [InlineData(25, 2)]
    public void Shots_without_an_SVD_allocate_nothing(int d, int chi)
    {
        var model = CodeGenerators.RepetitionCode(d, 1, NoiseModel.CodeCapacity, 0.1);
        var mps = BoundaryMpsCosets.Compile(model, chi);
        const int shots = 300;
        var (dets, _) = new DemSampler(model).Sample(shots, 3);
        int bytes = mps.DetectorBytes, withoutSvd = 0;
        var logs = new double[mps.NumClasses];
        for (int s = 0; s < shots; s++)
        {
            mps.Compute(dets.AsSpan(s * bytes, bytes), logs);
        }
        for (int s = 0; s < shots; s++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = mps.Compute(dets.AsSpan(s * bytes, bytes), logs);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (result.Decompositions == 0)
            {
                withoutSvd++;
                Assert.True(allocated == 0, $"shot {s} ran no SVD but allocated {allocated} bytes");
            }
        }
        output.WriteLine($"repetition code d = {d}, χ = {chi}: {withoutSvd} of {shots} shots ran no SVD");
        Assert.True(withoutSvd > 0, "no shot ran without an SVD: the test checked nothing");
    }
}
