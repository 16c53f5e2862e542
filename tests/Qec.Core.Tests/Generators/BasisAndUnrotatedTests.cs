using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;

namespace Qec.Core.Tests.Generators;

/// <summary>
/// X-basis memories and the unrotated surface code against the code's geometry, written here from the
/// definitions and not from the generator: the unrotated code on the grid 0 ≤ x, y ≤ 2d − 2 has data
/// where x + y is even (d² + (d − 1)² qubits, indexed row by row), Z checks at (even, odd), X checks at
/// (odd, even), each on its grid neighbours; the rotated code has data (i, j) at (2i + 1, 2j + 1), index
/// j·d + i, and a check at (2a, 2b) on its diagonal neighbours, Z-type when a + b is even.
/// </summary>
public sealed class BasisAndUnrotatedTests
{
    public static TheoryData<CodeFamily, MemoryBasis, int> SurfaceCases()
    {
        var data = new TheoryData<CodeFamily, MemoryBasis, int>();
        foreach (var family in new[] { CodeFamily.RotatedSurface, CodeFamily.UnrotatedSurface })
        {
            foreach (var basis in new[] { MemoryBasis.Z, MemoryBasis.X })
            {
                for (int d = 2; d <= 6; d++)
                {
                    if (family == CodeFamily.UnrotatedSurface || basis == MemoryBasis.X)
                    {
                        data.Add(family, basis, d);
                    }
                }
            }
        }
        return data;
    }

    private static (double X, double Y) DataPosition(CodeFamily family, int d, int q)
    {
        if (family == CodeFamily.RotatedSurface)
        {
            return (2 * (q % d) + 1, 2 * (q / d) + 1);
        }
        int size = 2 * d - 1;
        for (int y = 0, index = 0; y < size; y++)
        {
            for (int x = y % 2; x < size; x += 2, index++)
            {
                if (index == q)
                {
                    return (x, y);
                }
            }
        }
        throw new ArgumentOutOfRangeException(nameof(q));
    }

    private static bool Adjacent(CodeFamily family, (double X, double Y) data, (double X, double Y) check)
    {
        double dx = Math.Abs(data.X - check.X), dy = Math.Abs(data.Y - check.Y);
        return family == CodeFamily.RotatedSurface ? dx == 1 && dy == 1 : dx + dy == 1;
    }

    /// <summary>The type of the check at a position: 'Z' or 'X'.</summary>
    private static char CheckType(CodeFamily family, (double X, double Y) check) => family == CodeFamily.RotatedSurface
        ? ((int)check.X / 2 + (int)check.Y / 2) % 2 == 0 ? 'Z' : 'X'
        : (int)check.X % 2 == 0 ? 'Z' : 'X';

    private static int NumData(CodeFamily family, int d) => family == CodeFamily.RotatedSurface ? d * d : d * d + (d - 1) * (d - 1);

    /// <summary>
    /// Code capacity: error q flips exactly the detectors at checks of the memory's type next to qubit q
    /// (the column of the check matrix), every detector sits at a check of that type, and L0 flips exactly
    /// for the qubits of the documented logical (Z memory: the bottom row of the rotated code, the top row
    /// y = 0 of the unrotated one; X memory: the left column), which overlaps every check of the other
    /// type (taken from the depolarizing model's other detectors) on an even number of qubits.
    /// </summary>
    [Theory]
    [MemberData(nameof(SurfaceCases))]
    public void EverySingleErrorFlipsTheChecksOfItsQubit(CodeFamily family, MemoryBasis basis, int d)
    {
        char type = basis == MemoryBasis.Z ? 'Z' : 'X';
        var flat = CodeGenerators.Generate(family, d, 1, NoiseModel.CodeCapacity, 0.01, basis).Flatten();
        Assert.Equal(NumData(family, d), flat.NumErrors);
        var checks = new (double X, double Y)[flat.NumDetectors];
        for (int det = 0; det < flat.NumDetectors; det++)
        {
            var xyt = flat.DetectorCoordinates(det);
            checks[det] = (xyt[0], xyt[1]);
            Assert.Equal(type, CheckType(family, checks[det]));
        }
        Assert.Equal(family == CodeFamily.RotatedSurface ? (d * d - 1 + (basis == MemoryBasis.X ? 1 : 0)) / 2 : d * (d - 1), flat.NumDetectors);

        var logical = new List<(double X, double Y)>();
        for (int q = 0; q < flat.NumErrors; q++)
        {
            var position = DataPosition(family, d, q);
            var component = Assert.Single(GeneratedModelChecks.Components(flat, q));
            int[] expected = [.. Enumerable.Range(0, flat.NumDetectors).Where(det => Adjacent(family, position, checks[det]))];
            Assert.Equal(expected, component.Detectors.Order().ToArray());
            double line = family == CodeFamily.RotatedSurface ? 1 : 0;
            bool onLogical = basis == MemoryBasis.X ? position.X == line : position.Y == line;
            Assert.Equal(onLogical, component.FlipsL0);
            if (onLogical)
            {
                logical.Add(position);
            }
        }
        Assert.Equal(d, logical.Count);

        var depolarizing = CodeGenerators.Generate(family, d, 1, NoiseModel.CodeCapacityDepolarizing, 0.01, basis).Flatten();
        Assert.Equal(3 * NumData(family, d), depolarizing.NumErrors);
        for (int det = flat.NumDetectors; det < depolarizing.NumDetectors; det++)
        {
            var xyt = depolarizing.DetectorCoordinates(det);
            (double X, double Y) check = (xyt[0], xyt[1]);
            Assert.NotEqual(type, CheckType(family, check));
            Assert.Equal(0, logical.Count(q => Adjacent(family, q, check)) % 2);
        }
        Assert.Equal(family == CodeFamily.RotatedSurface ? d * d - 1 : 2 * d * (d - 1), depolarizing.NumDetectors);
    }

    /// <summary>
    /// The X memory is the Z memory of the code turned so that X and Z checks trade places: the unrotated
    /// code transposed ((x, y) → (y, x)), the rotated code of odd d turned by 90° ((x, y) → (y, 2d − x)).
    /// Every noise model gives the same error mechanisms (detectors by position and time, L0) either way.
    /// </summary>
    [Theory]
    [InlineData(CodeFamily.UnrotatedSurface, 2)]
    [InlineData(CodeFamily.UnrotatedSurface, 3)]
    [InlineData(CodeFamily.UnrotatedSurface, 4)]
    [InlineData(CodeFamily.RotatedSurface, 3)]
    [InlineData(CodeFamily.RotatedSurface, 5)]
    public void XMemoryIsTheZMemoryOfTheTurnedCode(CodeFamily family, int d)
    {
        Func<double[], (double, double, double)> turn = family == CodeFamily.UnrotatedSurface
            ? c => (c[1], c[0], c[2])
            : c => (c[1], 2 * d - c[0], c[2]);
        foreach (var (noise, rounds) in new[] { (NoiseModel.CodeCapacity, 1), (NoiseModel.CodeCapacityDepolarizing, 1), (NoiseModel.Phenomenological, 3) })
        {
            var z = CodeGenerators.Generate(family, d, rounds, noise, 0.01, MemoryBasis.Z).Flatten();
            var x = CodeGenerators.Generate(family, d, rounds, noise, 0.01, MemoryBasis.X).Flatten();
            Assert.Equal(Mechanisms(z, turn), Mechanisms(x, c => (c[0], c[1], c[2])));
        }
    }

    /// <summary>Each error as its detectors' (mapped) coordinates, sorted, and its L0 parity; the list sorted.</summary>
    private static List<string> Mechanisms(FlatDetectorErrorModel model, Func<double[], (double, double, double)> map)
    {
        var list = new List<string>();
        for (int e = 0; e < model.NumErrors; e++)
        {
            var components = GeneratedModelChecks.Components(model, e);
            var detectors = components.SelectMany(c => c.Detectors).Select(det => map(model.DetectorCoordinates(det).ToArray()).ToString()).Order(StringComparer.Ordinal);
            bool flips = components.Aggregate(false, (f, c) => f ^ c.FlipsL0);
            list.Add($"{string.Join(' ', detectors)} L0={flips}");
        }
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The shortest undetectable error that flips L0 has d errors in every noise model (BFS, and brute force on small cases).</summary>
    [Theory]
    [MemberData(nameof(SurfaceCases))]
    public void DistanceIsD(CodeFamily family, MemoryBasis basis, int d)
    {
        foreach (var (noise, rounds) in new[] { (NoiseModel.CodeCapacity, 1), (NoiseModel.CodeCapacityDepolarizing, 1), (NoiseModel.Phenomenological, 1), (NoiseModel.Phenomenological, 3) })
        {
            var model = CodeGenerators.Generate(family, d, rounds, noise, 0.01, basis);
            var flat = model.Flatten();
            Assert.Equal(d, GeneratedModelChecks.DistanceByBfs(flat));
            Assert.True(MatchingGraph.IsGraphLike(flat));
            Assert.Equal(model, DetectorErrorModel.Parse(model.ToString()));
        }
        if (d <= 4)
        {
            var small = CodeGenerators.Generate(family, d, 1, NoiseModel.CodeCapacity, 0.01, basis).Flatten();
            Assert.Equal(d, GeneratedModelChecks.DistanceByBruteForce(small, d));
        }
    }

    [Fact]
    public void PhenomenologicalCountsOfTheUnrotatedCode()
    {
        const int d = 4, rounds = 3;
        long n = d * d + (d - 1) * (d - 1), checks = d * (d - 1);
        var model = CodeGenerators.UnrotatedSurfaceCode(d, rounds, NoiseModel.Phenomenological, 0.01, MemoryBasis.X);
        Assert.Equal((ulong)(checks * (rounds + 1)), model.NumDetectors);
        Assert.Equal((ulong)((n + checks) * rounds), model.NumErrors);
    }

    [Fact]
    public void TheRepetitionCodeHasNoXMemory()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.Generate(CodeFamily.Repetition, 3, 1, NoiseModel.CodeCapacity, 0.1, MemoryBasis.X));
        Assert.Equal("basis", e.ParamName);
        Assert.Equal("basis", Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.UnrotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1, (MemoryBasis)5)).ParamName);
        Assert.Equal("distance", Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.UnrotatedSurfaceCode(1, 1, NoiseModel.CodeCapacity, 0.1)).ParamName);
    }
}
