using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.Osd;
using Qec.Core.Graphs;

namespace Qec.BeliefPropagation.Tests;

/// <summary>OSD against the plain implementation in <see cref="NaiveOsd"/>, on random codes with redundant checks.</summary>
public class OrderedStatisticsTests
{
    public static TheoryData<int, int, int, OsdMethod, int> Cases => new()
    {
        { 1, 12, 20, OsdMethod.Osd0, 0 },
        { 2, 12, 20, OsdMethod.CombinationSweep, 3 },
        { 3, 30, 70, OsdMethod.CombinationSweep, 7 },
        { 4, 40, 90, OsdMethod.CombinationSweep, 10 },
        { 5, 70, 140, OsdMethod.CombinationSweep, 7 },  // more than 64 columns: rows span several words
        { 6, 65, 66, OsdMethod.CombinationSweep, 7 },   // n + 1 = 67 bits: the syndrome bit starts a new word
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solution_equals_the_plain_implementation_and_reproduces_the_syndrome(int seed, int checks, int variables, OsdMethod method, int order)
    {
        var random = new Random(seed);
        var matrix = RandomMatrix(random, checks, variables);
        var osd = new OrderedStatistics(TannerGraph.From(matrix), method, order);
        for (int shot = 0; shot < 40; shot++)
        {
            var syndrome = TestCodes.Syndrome(matrix, TestCodes.SampleError(matrix, random));
            // Rounded posteriors make ties, which the order must break by index in both implementations.
            var posteriors = Enumerable.Range(0, variables).Select(_ => Math.Round(random.NextDouble() * 8 - 2, 1)).ToArray();
            Assert.True(osd.Solve(syndrome, posteriors));
            var expected = NaiveOsd.Solve(matrix, syndrome, posteriors, method == OsdMethod.CombinationSweep, order);
            Assert.Equal(expected, osd.Solution.ToArray());
            Assert.True(TestCodes.Satisfies(matrix, osd.Solution, syndrome));
        }
    }

    [Fact]
    public void Rank_is_the_rank_of_H()
    {
        // Rows 0 and 1 sum to row 2: rank 2.
        var matrix = CheckMatrix.From(TestCodes.Dem(3, [[0, 2], [1, 2], [0, 1], [0, 2]], [0.1, 0.1, 0.1, 0.1], [[0], [], [], []]));
        Assert.Equal(2, new OrderedStatistics(TannerGraph.From(matrix), OsdMethod.Osd0, 0).Rank);
    }

    [Fact]
    public void A_syndrome_outside_the_column_space_is_reported()
    {
        // Both columns flip detectors 0 and 1 together: (1, 0) cannot be explained.
        var matrix = CheckMatrix.From(TestCodes.Dem(2, [[0, 1], [0, 1]], [0.1, 0.2], [[0], []]));
        var osd = new OrderedStatistics(TannerGraph.From(matrix), OsdMethod.CombinationSweep, 7);
        Assert.False(osd.Solve([0b01], [1.0, 2.0]));
        Assert.True(osd.Solve([0b11], [1.0, 2.0]));
    }

    /// <summary>A random H with 2–4 ones per column, plus a few rows that are sums of others (redundant checks, as in qLDPC codes).</summary>
    private static CheckMatrix RandomMatrix(Random random, int checks, int variables)
    {
        int independent = checks - checks / 5;
        var columns = new List<int[]>();
        for (int j = 0; j < variables; j++)
        {
            var rows = Enumerable.Range(0, independent).OrderBy(_ => random.Next()).Take(2 + random.Next(3)).ToHashSet();
            for (int r = independent; r < checks; r++)
            {
                // Redundant row r = rows (r − independent) XOR (r − independent + 1).
                int a = r - independent, b = a + 1;
                if (rows.Contains(a) ^ rows.Contains(b))
                {
                    rows.Add(r);
                }
            }
            columns.Add([.. rows.Order()]);
        }
        var priors = Enumerable.Range(0, variables).Select(_ => 0.005 + 0.1 * random.NextDouble()).ToArray();
        return CheckMatrix.From(TestCodes.Dem(checks, columns, priors, [.. columns.Select((_, j) => j == 0 ? new[] { 0 } : [])]));
    }
}
