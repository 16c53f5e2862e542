using Qec.Core.Codes;
using Qec.Core.Dem;
using Qec.Core.Generators;
using Qec.TensorNetwork.Planar;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>
/// Models that are not one planar layer are refused with one ArgumentException whose message starts
/// "approximate mode needs a planar model: " and names the reason; χ outside [1, MaxChi] is refused too.
/// </summary>
public class BoundaryMpsRefusalTests(ITestOutputHelper output)
{
    private const string Prefix = "approximate mode needs a planar model: ";

    [Fact]
    public void Repetition_code_phenomenological_model_is_space_time_and_refused()
    {
        var model = CodeGenerators.RepetitionCode(5, 3, NoiseModel.Phenomenological, 0.01);
        AssertRefused(model, "differ in coordinate 2", "time slice");
    }

    [Fact]
    public void Surface_code_phenomenological_model_is_refused()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 2, NoiseModel.Phenomenological, 0.01);
        AssertRefused(model, "time slice");
    }

    [Fact]
    public void Bivariate_bicycle_code_on_a_torus_is_refused()
    {
        var code = BivariateBicycleCode.Create(6, 6, "x3+y+y2", "y3+x+x2");
        var model = CodeGenerators.BivariateBicycle(code, 1, NoiseModel.CodeCapacity, 0.01);
        AssertRefused(model, "no sweep of the plane keeps every error local", "not neighbours in the plane");
    }

    [Fact]
    public void Circuit_level_reference_model_is_refused()
    {
        if (TestPaths.ReferenceFile("dems/sc_rmz_d03_r03_p0.001.dem") is not { } path || !File.Exists(path))
        {
            output.WriteLine("SKIPPED: reference data is absent");
            return;
        }
        AssertRefused(DetectorErrorModel.Load(path), "time slice");
    }

    [Theory]
    [InlineData("error(0.1) D0 D1\nerror(0.1) D1 L0\n", "detector D0 has 0 coordinates")]
    [InlineData("error(0.1) D0 D1\nerror(0.1) D1 L0\ndetector(0, 0) D0\ndetector(0, 0) D1\n", "D0 and D1 share the position (0, 0)")]
    [InlineData("error(0.1) D0 D1\ndetector(0, 0) D0\ndetector(1, 0, 0) D1\n", "have 2 and 3 coordinates")]
    [InlineData("error(0.1) D0 D1\ndetector(0, 0) D0\ndetector(1, 0) D1\nerror(0.1) D0\n" +
        "error(0.1) L0 L1 L2 L3 L4 L5 L6 L7 L8 L9 L10 L11 L12 L13 L14 L15 L16\n", "17 observables")]
    public void Malformed_layouts_are_refused_with_the_reason(string dem, string reason) =>
        AssertRefused(DetectorErrorModel.Parse(dem), reason);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(BoundaryMpsCosets.MaxChi + 1)]
    public void Bond_dimension_outside_its_range_is_refused(int chi)
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BoundaryMpsCosets.Compile(model, chi));
        output.WriteLine(e.Message);
        Assert.Equal("chi", e.ParamName);
        Assert.Contains("bond dimension χ must lie in [1, 4096]", e.Message);
    }

    [Fact]
    public void Bond_dimension_too_large_for_the_models_windows_is_refused()
    {
        var model = CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacityDepolarizing, 0.1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BoundaryMpsCosets.Compile(model, BoundaryMpsCosets.MaxChi));
        output.WriteLine(e.Message);
        Assert.Equal("chi", e.ParamName);
        Assert.Contains("needs SVDs with", e.Message);
    }

    [Fact]
    public void Short_spans_are_refused_naming_their_sizes()
    {
        var mps = BoundaryMpsCosets.Compile(CodeGenerators.RotatedSurfaceCode(3, 1, NoiseModel.CodeCapacity, 0.1), 4);
        var e = Assert.Throws<ArgumentException>(() => mps.Compute(new byte[0], new double[2]));
        Assert.Contains("syndrome has 0 bytes; 4 detectors need 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => mps.Compute(new byte[1], new double[1]));
        Assert.Contains("output has 1 entries; 1 observables give 2 classes", e.Message);
    }

    private void AssertRefused(DetectorErrorModel model, params string[] reasons)
    {
        var e = Assert.Throws<ArgumentException>(() => BoundaryMpsCosets.Compile(model, 8));
        output.WriteLine(e.Message);
        Assert.StartsWith(Prefix, e.Message);
        foreach (var reason in reasons)
        {
            Assert.Contains(reason, e.Message);
        }
    }
}
