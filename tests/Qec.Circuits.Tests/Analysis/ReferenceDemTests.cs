using Qec.Circuits.Analysis;
using Qec.Circuits.Model;
using Qec.Circuits.Writing;

namespace Qec.Circuits.Tests.Analysis;

/// <summary>Our DEM text must equal Stim's byte for byte (the reference DEMs are the oracle).</summary>
public sealed class ReferenceDemTests
{
    public static TheoryData<string> CommittedNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceDemCases.Committed())
        {
            data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedNames))]
    public void CommittedCircuitGivesStimsBytes(string name)
    {
        var c = ReferenceDemCases.Committed().Single(x => x.Name == name);
        AssertIdentical(c.Circuit, c.Dem);
    }

    [Fact]
    public void EveryReferenceCircuitWithAPlainDemGivesStimsBytes()
    {
        var failures = new List<string>();
        int count = 0;
        foreach (var c in ReferenceDemCases.Reference())
        {
            count++;
            string diff = Compare(c.Circuit, c.Dem);
            if (diff != "identical")
            {
                failures.Add($"{c.Name}: {diff}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join("\n", failures));
    }

    private static void AssertIdentical(string circuitPath, string demPath)
    {
        string diff = Compare(circuitPath, demPath);
        Assert.True(diff == "identical", diff);
    }

    private static string Compare(string circuitPath, string demPath)
    {
        var dem = ErrorAnalyzer.Analyze(Circuit.Load(circuitPath));
        return ReferenceDemCases.FirstDifference(File.ReadAllText(demPath), StimDemWriter.ToText(dem));
    }
}
