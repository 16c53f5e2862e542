namespace Qec.Generative.Layers;

/// <summary>
/// The MADE connectivity (Germain, Gregor, Murray and Larochelle, "MADE: Masked Autoencoder for Distribution
/// Estimation", ICML 2015, §4) in natural variable order. Input j has degree j + 1; hidden unit k of every
/// hidden layer has degree m_k = 1 + ⌊k (n − 1) / H⌋ ∈ [1, n − 1] (non-decreasing in k, so every layer shares
/// one sorted degree list); a hidden unit sees the previous units of degree ≤ m_k, output i sees the units of
/// degree ≤ i. Because degrees are sorted, every mask row is a prefix: row k sees inputs [0, length_k), which
/// the layers exploit (one Dot over a prefix per row, no mask matrix). Invariant: output i depends on s_&lt;i only.
/// </summary>
internal sealed class MadeMasks
{
    /// <summary>Builds the masks for <paramref name="variables"/> inputs and hidden layers of <paramref name="width"/> units; <paramref name="conditioned"/> allows degree 0.</summary>
    public MadeMasks(int variables, int width, bool conditioned = false)
    {
        Variables = variables;
        Width = width;
        Degree = new int[width];
        int bottom = conditioned ? 0 : 1;
        int span = Math.Max(bottom, variables - 1) - bottom + 1;
        for (int k = 0; k < width; k++) Degree[k] = bottom + (int)((long)k * span / Math.Max(1, width));
        // DegreeStart[d] = first hidden unit of degree ≥ d, for d = 0 .. n + 1.
        DegreeStart = new int[variables + 2];
        for (int d = 0; d < DegreeStart.Length; d++)
        {
            int k = 0;
            while (k < width && Degree[k] < d) k++;
            DegreeStart[d] = k;
        }
    }

    /// <summary>n, the number of autoregressive variables.</summary>
    public int Variables { get; }

    /// <summary>H, the width of every hidden layer.</summary>
    public int Width { get; }

    /// <summary>m_k for each hidden unit, sorted ascending.</summary>
    public int[] Degree { get; }

    /// <summary>Hidden units of degree d are [DegreeStart[d], DegreeStart[d + 1]).</summary>
    public int[] DegreeStart { get; }

    /// <summary>Row lengths of the first hidden layer: unit k sees inputs j &lt; m_k.</summary>
    public int[] InputToHidden()
    {
        var lengths = new int[Width];
        for (int k = 0; k < Width; k++) lengths[k] = Math.Min(Degree[k], Variables);
        return lengths;
    }

    /// <summary>Row lengths of a hidden-to-hidden layer: unit k sees the previous units of degree ≤ m_k.</summary>
    public int[] HiddenToHidden()
    {
        var lengths = new int[Width];
        for (int k = 0; k < Width; k++) lengths[k] = DegreeStart[Math.Min(Degree[k] + 1, DegreeStart.Length - 1)];
        return lengths;
    }

    /// <summary>Row lengths of the output layer: output i sees hidden units of degree ≤ i, or inputs j &lt; i when there are no hidden layers.</summary>
    public int[] ToOutput(bool fromHidden)
    {
        var lengths = new int[Variables];
        for (int i = 0; i < Variables; i++) lengths[i] = fromHidden ? DegreeStart[i + 1] : i;
        return lengths;
    }
}
