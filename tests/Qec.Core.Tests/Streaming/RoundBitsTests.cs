using Qec.Core.Decoding.Streaming;
using Qec.Core.Sampling;

namespace Qec.Core.Tests.Streaming;

/// <summary>RoundBits.SetBits lists exactly the set bits of a packed round, in order (against a bit-by-bit scan).</summary>
public class RoundBitsTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(13, 0.1)]
    [InlineData(64, 0.9)]
    [InlineData(288, 0.02)]
    public void SetBitsListsEverySetBitInOrder(int size, double density)
    {
        var rng = new Xoshiro256StarStar((ulong)size);
        var packed = new byte[(size + 7) >> 3];
        var expected = new List<int>();
        for (int i = 0; i < size; i++)
        {
            if (rng.NextDouble() < density)
            {
                packed[i >> 3] |= (byte)(1 << (i & 7));
                expected.Add(i);
            }
        }
        var indices = new int[8 * packed.Length];
        int n = RoundBits.SetBits(packed, indices);
        Assert.Equal(expected, indices[..n]);
    }
}
