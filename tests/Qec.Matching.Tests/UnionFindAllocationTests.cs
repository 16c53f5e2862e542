using Qec.Tests.Shared;

namespace Qec.Matching.Tests;

/// <summary>After warm-up, decoding allocates nothing: all scratch is owned by the decoder instance.</summary>
public sealed class UnionFindAllocationTests
{
    [Fact]
    public void DecodingAllocatesNothingPerShotAfterWarmUp()
    {
        var data = UnionFindReferenceCase.Load(TestPaths.Data("unionfind"), "sc_rmz_d03_r03_p0.005", int.MaxValue);
        var decoder = UnionFindTestGraphs.DecoderFor(data.Model);
        var prediction = new byte[1];
        double sink = 0;
        for (int round = 0; round < 3; round++)
        {
            for (int s = 0; s < data.Shots; s++)
            {
                sink += decoder.DecodeDetailed(data.Shot(s), prediction).Weight;
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < data.Shots; s++)
        {
            sink += decoder.DecodeDetailed(data.Shot(s), prediction).Weight;
            decoder.Decode(data.Shot(s), prediction);
        }
        decoder.DecodeBatch(data.DetectionEvents.AsSpan(0, data.Shots * data.DetectorBytes), new byte[data.Shots], data.Shots - 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink > 0);
        // The batch output array above is the only allocation in the measured region: data.Shots bytes plus its header.
        Assert.True(allocated <= data.Shots + 64, $"{allocated} bytes allocated while decoding {3 * data.Shots} shots");
    }
}
