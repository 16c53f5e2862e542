using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>--decompose_errors: our DEM text must equal Stim's byte for byte.</summary>
public sealed class DecomposedDemTests
{
    public static TheoryData<string> CommittedNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceDemCases.Committed("decomposed"))
        {
            data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedNames))]
    public void CommittedCircuitGivesStimsDecomposedBytes(string name)
    {
        var c = ReferenceDemCases.Committed("decomposed").Single(x => x.Name == name);
        Assert.Equal("identical", Compare(c.Circuit, c.Dem));
    }

    [Fact]
    public void EveryReferenceCircuitGivesStimsDecomposedBytes()
    {
        bool full = Environment.GetEnvironmentVariable("QECD_FULL_REFERENCE") == "1";
        var failures = new List<string>();
        int count = 0;
        foreach (var c in ReferenceDemCases.ReferenceDecomposed(full ? int.MaxValue : 7))
        {
            count++;
            string diff = Compare(c.Circuit, c.Dem);
            if (diff != "identical")
            {
                failures.Add($"{c.Name}: {diff}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join("\n", failures));
        if (TestPaths.Reference is not null)
        {
            // 6 circuits-extra + the 58 reference circuits whose DEM is flat (22 with d ≤ 7; QECD_FULL_REFERENCE=1 runs all).
            Assert.Equal(full ? 64 : 28, count);
        }
    }

    [Fact]
    public void TheColourCodeStimCannotDecomposeIsRefusedWithStimsMessage()
    {
        if (TestPaths.Reference is not { } root)
        {
            return;
        }
        var circuit = Circuit.Load(Path.Combine(root, "circuits-extra", "cc_xyz_d05_r06_p0.002.stim"));
        var e = Assert.Throws<CircuitAnalysisException>(() => ErrorAnalyzer.Analyze(circuit, decomposeErrors: true));
        string stim = File.ReadAllText(Path.Combine(root, "circuits-extra", "cc_xyz_d05_r06_p0.002.decompose_error.txt"));
        Assert.StartsWith(stim.TrimEnd('\n'), e.Message, StringComparison.Ordinal);
    }

    private static string Compare(string circuitPath, string demPath)
    {
        var dem = ErrorAnalyzer.Analyze(Circuit.Load(circuitPath), decomposeErrors: true);
        return ReferenceDemCases.FirstDifference(File.ReadAllText(demPath), StimDemWriter.ToText(dem));
    }
}
