using System.Globalization;
using System.Text;

namespace Qec.Server.Tests.Support;

/// <summary>Small detector error models written in-test (no files needed).</summary>
public static class TestModels
{
    /// <summary>
    /// A repetition code memory experiment with phenomenological noise: d−1 detectors per round,
    /// rounds+1 layers, data errors between neighbours (the left boundary flips L0) and
    /// measurement errors between layers. d = 6, rounds = 5 gives 30 detectors: 4 bytes with
    /// two padding bits, so byte-count and padding checks are exercised.
    /// </summary>
    public static string RepetitionCode(int d = 6, int rounds = 5, double p = 0.01)
    {
        var text = new StringBuilder();
        string prob = p.ToString("R", CultureInfo.InvariantCulture);
        int perLayer = d - 1;
        for (int t = 0; t <= rounds; t++)
        {
            int b = t * perLayer;
            text.Append($"error({prob}) D{b} L0\n");
            for (int i = 1; i < perLayer; i++)
            {
                text.Append($"error({prob}) D{b + i - 1} D{b + i}\n");
            }
            text.Append($"error({prob}) D{b + perLayer - 1}\n");
            if (t < rounds)
            {
                for (int i = 0; i < perLayer; i++)
                {
                    text.Append($"error({prob}) D{b + i} D{b + i + perLayer}\n");
                }
            }
        }
        for (int t = 0; t <= rounds; t++)
        {
            for (int i = 0; i < perLayer; i++)
            {
                text.Append($"detector({i}, {t}) D{t * perLayer + i}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Detectors of <see cref="RepetitionCode"/>.</summary>
    public static int RepetitionDetectors(int d = 6, int rounds = 5) => (d - 1) * (rounds + 1);
}
