using System.Globalization;
using ScottPlot.TickGenerators;

namespace Qec.Cli.Compare;

/// <summary>
/// Tick marks for an axis that shows log10 of its values (ScottPlot 5 has no log axis: data are plotted
/// as log10 and the ticks are placed and labelled here). Majors are chosen by how many decades the data
/// span: decades only (≥ 3 decades, minors at 2…9), 1-2-5 (≥ 1 decade), or every digit (less).
/// </summary>
public static class LogTicks
{
    /// <summary>Ticks for data whose log10 lies in [<paramref name="logMin"/>, <paramref name="logMax"/>], with a decade of margin.</summary>
    public static NumericManual Create(double logMin, double logMax)
    {
        var ticks = new NumericManual();
        double span = logMax - logMin;
        int[] majors = span >= 3 ? [1] : span >= 1 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        for (int exponent = (int)Math.Floor(logMin) - 1; exponent <= (int)Math.Ceiling(logMax) + 1; exponent++)
        {
            for (int digit = 1; digit <= 9; digit++)
            {
                double value = digit * Math.Pow(10, exponent);
                double position = Math.Log10(value);
                if (Array.IndexOf(majors, digit) >= 0)
                {
                    ticks.AddMajor(position, Label(digit, exponent));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }
        return ticks;
    }

    /// <summary>"0.02", "300", or "2e-5" when the plain form would be long.</summary>
    public static string Label(int digit, int exponent)
    {
        if (exponent is >= -3 and <= 4)
        {
            return (digit * Math.Pow(10, exponent)).ToString("0.####", CultureInfo.InvariantCulture);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{digit}e{exponent}");
    }
}
