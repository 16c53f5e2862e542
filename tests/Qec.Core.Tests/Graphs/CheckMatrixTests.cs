using Qec.Core.Dem;
using Qec.Core.Graphs;
using Qec.Tests.Shared;

namespace Qec.Core.Tests.Graphs;

public sealed class CheckMatrixTests
{
    [Fact]
    public void ColumnsFollowErrorsWithSeparatorsIgnoredAndRepeatsCancelled()
    {
        var h = CheckMatrix.From(DetectorErrorModel.Parse("""
            error(0.1) D0 D2 ^ D1 L0
            error(0.2) D1 D1 D3
            error(0) D0
            error(0.3) L1
            """));
        Assert.Equal(3, h.NumMechanisms);
        Assert.Equal(new[] { 0.1, 0.2, 0.3 }, h.Priors.ToArray());
        Assert.Equal(new[] { 0, 1, 2 }, h.Detectors.ColumnEntries(0).ToArray());
        Assert.Equal(new[] { 3 }, h.Detectors.ColumnEntries(1).ToArray());
        Assert.Empty(h.Detectors.ColumnEntries(2).ToArray());
        Assert.Equal(new[] { 0 }, h.Observables.ColumnEntries(0).ToArray());
        Assert.Equal(new[] { 1 }, h.Observables.ColumnEntries(2).ToArray());
        Assert.Equal(new[] { 0 }, h.Detectors.RowEntries(1).ToArray());
        Assert.Equal(new[] { 1 }, h.Detectors.RowEntries(3).ToArray());
    }

    [Fact]
    public void RowsAndColumnsAreTransposesOfEachOther()
    {
        var h = CheckMatrix.From(DetectorErrorModel.Load(TestPaths.Data("dem/sc_rmz_d03_r03_p0.001.dem")));
        var fromColumns = new HashSet<(int, int)>();
        for (int c = 0; c < h.Detectors.Columns; c++)
        {
            foreach (int r in h.Detectors.ColumnEntries(c))
            {
                fromColumns.Add((r, c));
            }
        }
        var fromRows = new HashSet<(int, int)>();
        for (int r = 0; r < h.Detectors.Rows; r++)
        {
            foreach (int c in h.Detectors.RowEntries(r))
            {
                fromRows.Add((r, c));
            }
        }
        Assert.Equal(h.Detectors.NonZeros, fromColumns.Count);
        Assert.True(fromColumns.SetEquals(fromRows));
        Assert.Equal(24, h.Detectors.Rows);
    }
}
