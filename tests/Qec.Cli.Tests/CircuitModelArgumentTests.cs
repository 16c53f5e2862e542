using Qec.Tests.Shared;

namespace Qec.Cli.Tests;

/// <summary>
/// <c>--circuit X.stim</c> wherever a model is taken: decoding a circuit gives exactly the predictions of
/// decoding Stim's decomposed DEM of it (tests/data copies, see circuits/SOURCE.md; the reference set when present).
/// </summary>
public sealed class CircuitModelArgumentTests
{
    [Theory]
    [InlineData("mwpm")]
    [InlineData("uf")]
    public void DecodeCircuitPredictsWhatItsStimDemPredicts(string decoder)
    {
        using var temp = new TempFolder();
        AssertSamePredictions(temp, TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"),
            TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem"), decoder);
    }

    [Fact]
    public void DecodeReferenceCircuitsPredictWhatTheirReferenceDemsPredict()
    {
        if (TestPaths.Reference is null)
        {
            return;
        }
        using var temp = new TempFolder();
        foreach (string name in new[] { "sc_rmz_d03_r03_p0.005", "sc_rmz_d05_r05_p0.007", "rep_mem_d05_r05_p0.01" })
        {
            AssertSamePredictions(temp, TestPaths.ReferenceFile($"circuits/{name}.stim")!, TestPaths.ReferenceFile($"dems/{name}.dem")!, "mwpm");
        }
    }

    [Fact]
    public void DemAndCircuitTogetherIsAClearError()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("decode", "--dem", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem"),
            "--circuit", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"), "--in", temp.File("none.b8"));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: give either --dem or --circuit, not both", error, StringComparison.Ordinal);

        (code, _, error) = CliRunner.Run("compare", "--dems", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.decomposed.dem"),
            "--circuits", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"), "--max-shots", "10", "--out", temp.File("s.csv"));
        Assert.Equal(1, code);
        Assert.StartsWith("qecd: give either --dems or --circuits, not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedDecompositionFallsBackToHyperedgesWithANote()
    {
        // One error flips three detectors that no other error explains: Stim refuses to decompose it, so
        // the command decodes the plain model (bposd takes the hyperedge) and says so.
        using var temp = new TempFolder();
        string circuit = temp.File("hyper.stim");
        File.WriteAllText(circuit, "R 0 1 2\nX_ERROR(0.1) 0\nCX 0 1 0 2\nM 0 1 2\nDETECTOR rec[-1]\nDETECTOR rec[-2]\nDETECTOR rec[-3]\nOBSERVABLE_INCLUDE(0) rec[-1]\n");
        File.WriteAllBytes(temp.File("d.b8"), [0b111, 0b000]);
        var (code, output, error) = CliRunner.Run("decode", "--circuit", circuit, "--in", temp.File("d.b8"), "--decoder", "bposd", "--out", temp.File("p.01"));
        Assert.True(code == 0, error);
        Assert.Contains("qecd: note: hyper.stim: the circuit's errors cannot be decomposed", error, StringComparison.Ordinal);
        Assert.Contains("shots: 2", output, StringComparison.Ordinal);
        Assert.Equal("1\n0\n", File.ReadAllText(temp.File("p.01")));
    }

    [Fact]
    public void CompareTakesCircuitsWithTheirFileNameMetadata()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("compare", "--circuits", TestPaths.Data("circuits/sc_umx_d03_r03_p0.002.stim"),
            "--decoders", "mwpm", "--max-shots", "200", "--threads", "1", "--out", temp.File("s.csv"));
        Assert.True(code == 0, error);
        string csv = File.ReadAllText(temp.File("s.csv"));
        Assert.Contains("unrotated-surface", csv, StringComparison.Ordinal);
        Assert.Contains("200,", csv, StringComparison.Ordinal);
    }

    private static void AssertSamePredictions(TempFolder temp, string circuit, string dem, string decoder)
    {
        var (code, _, error) = CliRunner.Run("sample", "--circuit", circuit, "--shots", "300", "--seed", "3",
            "--out", temp.File("d.b8"), "--obs-out", temp.File("o.01"));
        Assert.True(code == 0, error);
        (code, var viaCircuit, error) = CliRunner.Run("decode", "--circuit", circuit, "--in", temp.File("d.b8"), "--decoder", decoder,
            "--out", temp.File("c.01"), "--obs-in", temp.File("o.01"));
        Assert.True(code == 0, error);
        (code, var viaDem, error) = CliRunner.Run("decode", "--dem", dem, "--in", temp.File("d.b8"), "--decoder", decoder,
            "--out", temp.File("m.01"), "--obs-in", temp.File("o.01"));
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(temp.File("m.01")), File.ReadAllText(temp.File("c.01")));
        Assert.Equal(Line(viaDem, "logical errors:"), Line(viaCircuit, "logical errors:"));
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
