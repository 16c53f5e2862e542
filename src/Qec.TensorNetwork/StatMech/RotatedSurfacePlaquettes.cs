namespace Qec.TensorNetwork.StatMech;

/// <summary>
/// The X-type stabilizer generators of the rotated surface code in the layout of
/// <c>CodeGenerators.RotatedSurfaceCode</c> (Stim's; Horsman et al., NJP 14, 123011 (2012), fig. 1): data
/// qubit (i, j), 0 ≤ i, j &lt; d, sits at (2i+1, 2j+1) with index j·d + i; a plaquette at (2a, 2b) acts on the
/// qubits (i, j) with i ∈ {a−1, a}, j ∈ {b−1, b} that exist. X-type plaquettes are those with a + b odd that do
/// not lie on the left or right edge (a ∈ {0, d}): (d−1)²/2 weight-4 bulk plaquettes (⌊…⌋ for even d) and
/// weight-2 ones on the top and bottom edges, (d² − 1)/2 in all for odd d. The Z-type ones are the DEM's
/// detectors; this geometry is repeated here because the generator's layout is internal to Qec.Core, and
/// <see cref="CosetSpinGlass"/> checks it against the DEM (every plaquette commutes with every detector and
/// the observable, and together they span every undetectable, logically trivial error).
/// </summary>
public static class RotatedSurfacePlaquettes
{
    /// <summary>The X-type plaquettes of distance <paramref name="distance"/> (≥ 2), sorted by x, then y (the generator's check order).</summary>
    public static Plaquette[] XType(int distance)
    {
        if (distance < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "the rotated surface code needs distance at least 2");
        }
        int d = distance;
        var plaquettes = new List<Plaquette>();
        for (int a = 1; a < d; a++)
        {
            for (int b = 0; b <= d; b++)
            {
                if ((a + b) % 2 == 0)
                {
                    continue;  // Z-type: a detector of the bit-flip DEM
                }
                var qubits = new List<int>(4);
                for (int j = b - 1; j <= b; j++)
                {
                    for (int i = a - 1; i <= a; i++)
                    {
                        if (j >= 0 && j < d)
                        {
                            qubits.Add(j * d + i);
                        }
                    }
                }
                plaquettes.Add(new Plaquette(2 * a, 2 * b, [.. qubits]));
            }
        }
        return [.. plaquettes];
    }
}
