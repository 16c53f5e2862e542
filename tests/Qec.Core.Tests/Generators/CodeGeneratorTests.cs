using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.Core.Graphs;

namespace Qec.Core.Tests.Generators;

/// <summary>
/// Structure of the generated models against closed forms derived by hand (not from the code):
/// with n data qubits and nZ Z-type checks (surface: n = d², nZ = ⌊(d² − 1)/2⌋; repetition: n = d,
/// nZ = d − 1), code capacity has nZ detectors and n errors; depolarizing has d² − 1 detectors and 3d²
/// errors on the surface code (d − 1 and d on the repetition code); phenomenological with r rounds
/// has nZ·(r + 1) detectors (one layer per round plus the final data readout) and (n + nZ)·r errors
/// (n data flips and nZ measurement flips per round).
/// </summary>
public sealed class CodeGeneratorTests
{
    public static TheoryData<CodeFamily, int, int, NoiseModel> Cases()
    {
        var data = new TheoryData<CodeFamily, int, int, NoiseModel>();
        foreach (var family in new[] { CodeFamily.RotatedSurface, CodeFamily.Repetition })
        {
            for (int d = 2; d <= 7; d++)
            {
                data.Add(family, d, 1, NoiseModel.CodeCapacity);
                data.Add(family, d, 1, NoiseModel.CodeCapacityDepolarizing);
                data.Add(family, d, 1, NoiseModel.Phenomenological);
                data.Add(family, d, 3, NoiseModel.Phenomenological);
            }
        }
        return data;
    }

    private static (long Detectors, long Errors) ExpectedCounts(CodeFamily family, int d, int r, NoiseModel noise)
    {
        bool surface = family == CodeFamily.RotatedSurface;
        long n = surface ? d * d : d;
        long nz = surface ? (d * d - 1) / 2 : d - 1;
        return noise switch
        {
            NoiseModel.CodeCapacity => (nz, n),
            NoiseModel.CodeCapacityDepolarizing => surface ? (d * d - 1, 3L * d * d) : (d - 1, d),
            _ => (nz * (r + 1), (n + nz) * r),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountsMatchClosedForm(CodeFamily family, int d, int rounds, NoiseModel noise)
    {
        var model = CodeGenerators.Generate(family, d, rounds, noise, 0.01);
        var (detectors, errors) = ExpectedCounts(family, d, rounds, noise);
        Assert.Equal((ulong)detectors, model.NumDetectors);
        Assert.Equal((ulong)errors, model.NumErrors);
        Assert.Equal(1UL, model.NumObservables);
        Assert.Contains(model.Instructions, i => i is DemLogicalObservable l && l.Targets.Single() == DemTarget.Observable(0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModelIsGraphLikeCoveredAndCoordinated(CodeFamily family, int d, int rounds, NoiseModel noise)
    {
        var model = CodeGenerators.Generate(family, d, rounds, noise, 0.01);
        var flat = model.Flatten();
        var touched = new bool[flat.NumDetectors];
        for (int e = 0; e < flat.NumErrors; e++)
        {
            foreach (var c in GeneratedModelChecks.Components(flat, e))
            {
                Assert.InRange(c.Detectors.Length, 0, 2);
                Assert.True(c.Detectors.Length > 0 || c.FlipsL0, $"error {e} has an empty component");
                foreach (int det in c.Detectors)
                {
                    touched[det] = true;
                }
            }
        }
        Assert.All(touched, Assert.True);
        Assert.True(MatchingGraph.IsGraphLike(flat));
        var graph = MatchingGraph.From(model);
        Assert.Equal(flat.NumDetectors, graph.NumDetectors);

        var seen = new HashSet<(double, double, double)>();
        for (int det = 0; det < flat.NumDetectors; det++)
        {
            var xyt = flat.DetectorCoordinates(det);
            Assert.Equal(3, xyt.Length);
            Assert.True(seen.Add((xyt[0], xyt[1], xyt[2])), $"detector {det} repeats coordinates");
            Assert.InRange(xyt[2], 0, noise == NoiseModel.Phenomenological ? rounds : 0);
            if (family == CodeFamily.Repetition)
            {
                Assert.Equal(0, xyt[1]);
            }
        }
        Assert.Equal(model, DetectorErrorModel.Parse(model.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DistanceIsD(CodeFamily family, int d, int rounds, NoiseModel noise)
    {
        var flat = CodeGenerators.Generate(family, d, rounds, noise, 0.01).Flatten();
        Assert.Equal(d, GeneratedModelChecks.DistanceByBfs(flat));
    }

    /// <summary>The BFS itself checked by exhausting all error sets up to size d on small cases.</summary>
    [Theory]
    [InlineData(CodeFamily.RotatedSurface, 2, 1, NoiseModel.CodeCapacityDepolarizing)]
    [InlineData(CodeFamily.RotatedSurface, 3, 1, NoiseModel.CodeCapacity)]
    [InlineData(CodeFamily.RotatedSurface, 3, 1, NoiseModel.CodeCapacityDepolarizing)]
    [InlineData(CodeFamily.RotatedSurface, 3, 2, NoiseModel.Phenomenological)]
    [InlineData(CodeFamily.RotatedSurface, 4, 1, NoiseModel.CodeCapacity)]
    [InlineData(CodeFamily.Repetition, 5, 3, NoiseModel.Phenomenological)]
    public void BruteForceDistanceIsD(CodeFamily family, int d, int rounds, NoiseModel noise)
    {
        var flat = CodeGenerators.Generate(family, d, rounds, noise, 0.01).Flatten();
        Assert.Equal(d, GeneratedModelChecks.DistanceByBruteForce(flat, d));
    }

    [Fact]
    public void SurfaceCodeCapacityMatchesHandWrittenD2()
    {
        // d = 2: data (0,0)…(1,1) at (1,1),(3,1),(1,3),(3,3); the single Z check at (2,2) covers all four;
        // L0 = bottom row (qubits 0 and 1), so X on qubits 0 and 2 (a column) is the logical.
        string expected = """
            error(0.1) D0 L0
            error(0.1) D0 L0
            error(0.1) D0
            error(0.1) D0
            detector(2, 2, 0) D0
            logical_observable L0

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), CodeGenerators.RotatedSurfaceCode(2, 1, NoiseModel.CodeCapacity, 0.1).ToString());
    }

    [Fact]
    public void RepetitionPhenomenologicalMatchesHandWritten()
    {
        string expected = """
            error(0.1) D0
            error(0.1) D0 D1
            error(0.1) D1 L0
            error(0.1) D0 D2
            error(0.1) D1 D3
            error(0.1) D2
            error(0.1) D2 D3
            error(0.1) D3 L0
            error(0.1) D2 D4
            error(0.1) D3 D5
            detector(1, 0, 0) D0
            detector(3, 0, 0) D1
            detector(1, 0, 1) D2
            detector(3, 0, 1) D3
            detector(1, 0, 2) D4
            detector(3, 0, 2) D5
            logical_observable L0

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), CodeGenerators.RepetitionCode(3, 2, NoiseModel.Phenomenological, 0.1).ToString());
    }

    [Theory]
    [InlineData(1, 1, NoiseModel.CodeCapacity, 0.1, "distance")]
    [InlineData(-3, 1, NoiseModel.CodeCapacity, 0.1, "distance")]
    [InlineData(3, 0, NoiseModel.Phenomenological, 0.1, "rounds")]
    [InlineData(3, 2, NoiseModel.CodeCapacity, 0.1, "rounds")]
    [InlineData(3, 2, NoiseModel.CodeCapacityDepolarizing, 0.1, "rounds")]
    [InlineData(3, 1, NoiseModel.CodeCapacity, 0.0, "p")]
    [InlineData(3, 1, NoiseModel.CodeCapacity, -0.1, "p")]
    [InlineData(3, 1, NoiseModel.CodeCapacity, 0.51, "p")]
    [InlineData(3, 1, NoiseModel.CodeCapacity, double.NaN, "p")]
    [InlineData(3, 1, (NoiseModel)17, 0.1, "noise")]
    [InlineData(5000, 1000, NoiseModel.Phenomenological, 0.1, "rounds")]
    public void BadArgumentsAreNamed(int d, int rounds, NoiseModel noise, double p, string parameter)
    {
        foreach (var family in new[] { CodeFamily.RotatedSurface, CodeFamily.Repetition })
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.Generate(family, d, rounds, noise, p));
            Assert.Equal(parameter, e.ParamName);
        }
        Assert.Equal("family", Assert.ThrowsAny<ArgumentException>(() => CodeGenerators.Generate((CodeFamily)9, 3, 1, NoiseModel.CodeCapacity, 0.1)).ParamName);
    }

    [Fact]
    public void ProbabilitiesAreAsDocumented()
    {
        var depolarizing = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.3).Flatten();
        double q = depolarizing.Probability(0);
        Assert.Equal(1 - 4 * 0.3 / 3, (1 - 2 * q) * (1 - 2 * q), 12);
        Assert.Equal(2 * 0.3 / 3, CodeGenerators.RepetitionCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.3).Flatten().Probability(0), 15);
        Assert.Equal(0.3, CodeGenerators.RotatedSurfaceCode(3, 4, NoiseModel.Phenomenological, 0.3).Flatten().Probability(7));
    }
}
