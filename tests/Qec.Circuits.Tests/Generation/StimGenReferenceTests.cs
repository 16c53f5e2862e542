using System.Globalization;
using System.Text.RegularExpressions;
using Qec.Circuits.Generation;
using Qec.Tests.Shared;

namespace Qec.Circuits.Tests.Generation;

/// <summary>
/// The generators reproduce <c>stim gen</c> byte for byte: every reference circuit of a supported family
/// (../shared/reference circuits/ and circuits-extra/, flags in their README/COMMANDS.txt; the tests/data
/// copies when the reference is absent) is regenerated from its name and compared as text.
/// </summary>
public sealed partial class StimGenReferenceTests
{
    [GeneratedRegex(@"^(?<prefix>[a-z_]+)_d(?<d>\d+)_r(?<r>\d+)_p(?<p>[0-9.]+)$")]
    private static partial Regex ReferenceName();

    /// <summary>The circuit <c>stim gen</c> made for a reference name, or null for a family not generated here.</summary>
    internal static GeneratedCircuit? Regenerate(string stem)
    {
        var match = ReferenceName().Match(stem);
        if (!match.Success)
        {
            return null;
        }
        int d = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        long r = long.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture);
        double p = double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
        var all = new StimGenNoise(p, p, p, p);
        return match.Groups["prefix"].Value switch
        {
            "sc_rmz" => SurfaceCodeCircuit.Generate("rotated_memory_z", d, r, all),
            "sc_rmx" => SurfaceCodeCircuit.Generate("rotated_memory_x", d, r, all),
            "sc_umz" => SurfaceCodeCircuit.Generate("unrotated_memory_z", d, r, all),
            "sc_umx" => SurfaceCodeCircuit.Generate("unrotated_memory_x", d, r, all),
            // Code capacity: only --before_round_data_depolarization.
            "sc_cc" => SurfaceCodeCircuit.Generate("rotated_memory_z", d, r, new StimGenNoise(BeforeRoundDataDepolarization: p)),
            "rep_mem" => RepetitionCodeCircuit.Generate(d, r, all),
            "cc_xyz" => ColorCodeCircuit.Generate(d, r, all),
            _ => null,
        };
    }

    public static TheoryData<string> DataCopies => new() { "sc_umx_d03_r03_p0.002", "rep_mem_d07_r30_p0.01", "sc_cc_d03_r01_p0.05", "cc_xyz_d03_r03_p0.002" };

    [Theory]
    [MemberData(nameof(DataCopies))]
    public void GeneratedTextIsStimGensForTheTestDataCopies(string stem)
    {
        string expected = File.ReadAllText(TestPaths.Data($"circuits/{stem}.stim"));
        Assert.Equal(expected, Regenerate(stem)!.ToStimText());
    }

    [Fact]
    public void GeneratedTextIsStimGensForEveryReferenceCircuitOfASupportedFamily()
    {
        if (TestPaths.Reference is not { } root)
        {
            return;
        }
        var mismatches = new List<string>();
        int compared = 0;
        foreach (string folder in new[] { "circuits", "circuits-extra" })
        {
            foreach (string file in Directory.GetFiles(Path.Combine(root, folder), "*.stim").Order(StringComparer.Ordinal))
            {
                string stem = Path.GetFileNameWithoutExtension(file);
                if (Regenerate(stem) is not { } generated)
                {
                    continue;
                }
                compared++;
                if (generated.ToStimText() != File.ReadAllText(file))
                {
                    mismatches.Add(stem);
                }
            }
        }
        Assert.Empty(mismatches);
        Assert.True(compared >= 68, $"only {compared} reference circuits compared");
    }
}
