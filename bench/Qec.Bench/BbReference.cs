using System.Globalization;
using System.Text;
using Qec.Core.Dem;
using Qec.Core.Formats;

namespace Qec.Bench;

/// <summary>
/// The bivariate-bicycle reference cases of ../shared/reference/bp: the code read from its `.hl` file
/// (a check matrix with one line per qubit: prior, checks, logicals) as a code-capacity DEM with the shot
/// file's p, and the shots. ldpc's numbers for the same shots are in the reference README and
/// <see cref="Ldpc"/>.
/// </summary>
internal static class BbReference
{
    /// <summary>ldpc v2.4.1 on all 10,000 shots (max_iter 100, min-sum 0.625, OSD-CS7): errors and µs per shot.</summary>
    public static readonly Dictionary<(string Code, string P), (int BpErrors, int OsdErrors, double BpMicros, double OsdMicros)> Ldpc = new()
    {
        [("bb72", "0.01")] = (16, 16, 0.63, 0.74),
        [("bb72", "0.02")] = (149, 125, 1.63, 2.32),
        [("bb72", "0.03")] = (454, 371, 3.37, 5.36),
        [("bb72", "0.04")] = (995, 852, 6.34, 10.43),
        [("bb72", "0.05")] = (1964, 1644, 10.83, 18.80),
        [("bb144", "0.01")] = (1, 1, 1.59, 1.79),
        [("bb144", "0.02")] = (29, 3, 3.21, 4.37),
        [("bb144", "0.03")] = (161, 19, 6.56, 10.45),
        [("bb144", "0.04")] = (459, 72, 12.73, 22.53),
        [("bb144", "0.05")] = (1183, 338, 23.34, 44.80),
    };

    /// <summary>The code-capacity DEM of <paramref name="code"/> ("bb72", "bb144") at error probability <paramref name="p"/>.</summary>
    public static DetectorErrorModel Model(string code, string p)
    {
        var lines = File.ReadAllLines(ReferenceData.Path("bp", code + ".hl")).Where(l => !l.StartsWith('#')).ToArray();
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int checks = int.Parse(header[1], CultureInfo.InvariantCulture), qubits = int.Parse(header[2], CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        for (int q = 0; q < qubits; q++)
        {
            var f = lines[1 + q].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s).ToArray();
            int nChecks = int.Parse(f[1], CultureInfo.InvariantCulture);
            text.Append("error(").Append(p).Append(')');
            for (int i = 0; i < nChecks; i++)
            {
                text.Append(" D").Append(f[2 + i]);
            }
            int nLogicals = int.Parse(f[2 + nChecks], CultureInfo.InvariantCulture);
            for (int i = 0; i < nLogicals; i++)
            {
                text.Append(" L").Append(f[3 + nChecks + i]);
            }
            text.Append('\n');
        }
        text.Append("detector D").Append(checks - 1).Append('\n');
        return DetectorErrorModel.Parse(text.ToString(), code + ".hl");
    }

    /// <summary>The shots' detection events (b8) and true observables (b8-packed) at <paramref name="p"/>.</summary>
    public static (byte[] Dets, byte[] Obs) Shots(string code, string p, int detectors, int observables) =>
        (ReferenceData.ReadShots(ReferenceData.Path("bp", $"{code}_p{p}.dets.b8"), SampleFormat.B8, ShotLayout.Detectors(detectors)),
         ReferenceData.ReadShots(ReferenceData.Path("bp", $"{code}_p{p}.obs.01"), SampleFormat.Format01, ShotLayout.Observables(observables)));
}
