using Qec.Server.Decoding;

namespace Qec.Server.Tests.Decoding;

public class ShotAssemblerTests
{
    // A shot cut into ranges at the given detector boundaries, sent in the given order, must
    // reassemble bit for bit (ranges start at any bit, not only at byte boundaries).
    [Theory]
    [InlineData(30, new[] { 0, 5, 10, 15, 20, 25, 30 }, false)]
    [InlineData(30, new[] { 0, 3, 17, 30 }, true)]
    [InlineData(120, new[] { 0, 12, 36, 60, 84, 108, 120 }, false)]
    [InlineData(121, new[] { 0, 1, 9, 64, 121 }, true)]
    public void RangesReassembleTheShot(int detectors, int[] cuts, bool reverse)
    {
        var rng = new Random(detectors);
        var shot = Support.Shots.Random(1, detectors, rng.Next());
        var assembler = new ShotAssembler(detectors);
        var order = Enumerable.Range(0, cuts.Length - 1).ToArray();
        if (reverse)
        {
            Array.Reverse(order);
        }
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            int first = cuts[i], count = cuts[i + 1] - cuts[i];
            var part = new byte[(count + 7) >> 3];
            for (int j = 0; j < count; j++)
            {
                if ((shot[(first + j) >> 3] >> ((first + j) & 7) & 1) != 0)
                {
                    part[j >> 3] |= (byte)(1 << (j & 7));
                }
            }
            bool done = assembler.Add(7, (uint)i, (uint)first, (uint)count, part, final: k == order.Length - 1);
            Assert.Equal(k == order.Length - 1, done);
        }
        Assert.Equal(shot, assembler.Shot.ToArray());
        Assert.False(assembler.IsOpen);
    }

    [Fact]
    public void NextShotStartsFromZero()
    {
        var a = new ShotAssembler(16);
        a.Add(1, 0, 0, 16, [0xFF, 0xFF], final: true);
        a.Add(2, 0, 8, 8, [0x01], final: true);
        Assert.Equal(new byte[] { 0x00, 0x01 }, a.Shot.ToArray());
    }

    [Theory]
    [InlineData(1u, 0u, 16u, 2, "shot 2 is still open")]
    [InlineData(2u, 10u, 8u, 1, "lie outside the model's 16 detectors")]
    [InlineData(2u, 0u, 8u, 2, "2 bytes of detection events for 8 detectors, expected 1")]
    public void BadPartsAreRefusedWithTheShotNamed(ulong secondShot, uint first, uint count, int bytes, string message)
    {
        var a = new ShotAssembler(16);
        if (secondShot == 1)
        {
            a.Add(2, 0, 0, 8, [0x01], final: false);
        }
        var e = Assert.Throws<QecServerException>(() => a.Add(secondShot, 3, first, count, new byte[bytes], final: true));
        Assert.Equal(global::Grpc.Core.StatusCode.InvalidArgument, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal(secondShot, e.ShotId);
    }

    [Fact]
    public void PaddingBitsAreRefused()
    {
        var a = new ShotAssembler(16);
        var e = Assert.Throws<QecServerException>(() => a.Add(4, 0, 0, 3, [0x08], final: true));
        Assert.Contains("padding bits", e.Message);
    }
}
