using Qec.Core.Graphs;
using Qec.TensorNetwork.Contraction;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// The tensor network whose contraction gives the weight of every logical class of a syndrome,
/// W(c | s) = Σ_{e : He = s, Le = c} Π_j p_j^{e_j} (1 − p_j)^{1 − e_j}: one binary label per error
/// mechanism with its prior vector [1 − p, p], one parity constraint per detector (satisfied when the
/// flipped mechanisms on it have the detector's syndrome bit as parity) and one per observable (whose
/// parity is an open label: the class bit). A parity over k labels is a chain of three-leg XOR tensors
/// (k − 1 of them, fresh carry labels between), never one 2^k tensor. Only the last tensor of each
/// detector's chain depends on the syndrome: both versions are built once, and a shot picks one.
/// </summary>
public sealed class ParityNetwork
{
    private readonly List<double[]> _fixed = [];   // tensors that do not depend on the syndrome
    private readonly int[] _detectorTensor;         // per detector: position of its syndrome-dependent tensor
    private readonly double[][] _even, _odd;        // per detector: that tensor for bit 0 and bit 1

    /// <summary>Builds the network of a check matrix, parity chains following <paramref name="mechanismOrder"/> (default: index order).</summary>
    public ParityNetwork(CheckMatrix matrix, int[]? mechanismOrder = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var position = new int[matrix.NumMechanisms];
        mechanismOrder ??= [.. Enumerable.Range(0, matrix.NumMechanisms)];
        for (int t = 0; t < mechanismOrder.Length; t++)
        {
            position[mechanismOrder[t]] = t;
        }
        MechanismOrder = mechanismOrder;
        int n = matrix.NumMechanisms, m = matrix.Detectors.Rows, k = matrix.Observables.Rows;
        var indices = new List<int[]>();
        var dims = new Dictionary<int, int>();
        int nextLabel = n;
        for (int j = 0; j < n; j++)
        {
            dims[j] = 2;
            indices.Add([j]);
            _fixed.Add([1 - matrix.Priors[j], matrix.Priors[j]]);
        }
        _detectorTensor = new int[m];
        _even = new double[m][];
        _odd = new double[m][];
        for (int c = 0; c < m; c++)
        {
            var legs = matrix.Detectors.RowEntries(c).ToArray().OrderBy(j => position[j]).ToArray();
            if (legs.Length == 0)
            {
                // A detector no mechanism flips: weight 1 when its bit is 0, else 0 (a rank-0 factor).
                _detectorTensor[c] = indices.Count;
                indices.Add([]);
                _fixed.Add([]);
                (_even[c], _odd[c]) = ([1.0], [0.0]);
                continue;
            }
            int carry = AddXorChain(legs, indices, dims, ref nextLabel);
            _detectorTensor[c] = indices.Count;
            indices.Add([carry]);
            _fixed.Add([]);
            (_even[c], _odd[c]) = ([1.0, 0.0], [0.0, 1.0]);
        }
        var open = new int[k];
        for (int o = 0; o < k; o++)
        {
            open[o] = AddXorChain([.. matrix.Observables.RowEntries(o).ToArray().OrderBy(j => position[j])], indices, dims, ref nextLabel);
        }
        Array.Reverse(open);  // row-major result: the last open label is bit 0, so observable o is bit o
        Shape = new NetworkShape(indices, dims, open);
        NumDetectors = m;
        NumObservables = k;
    }

    /// <summary>The mechanism order the chains follow (labels 0 … n−1 are the mechanisms).</summary>
    public int[] MechanismOrder { get; }

    /// <summary>The network's structure (what a plan is made for).</summary>
    public NetworkShape Shape { get; }

    /// <summary>Detectors.</summary>
    public int NumDetectors { get; }

    /// <summary>Observables: the result has 2^k class weights, observable o at bit o of the index (the open labels run from the last observable to the first).</summary>
    public int NumObservables { get; }

    /// <summary>
    /// Fills <paramref name="inputs"/> (length <see cref="NetworkShape.Count"/>) with the tensors of the
    /// shot whose b8-packed detection events are <paramref name="syndrome"/>; no copying, no allocation.
    /// </summary>
    public void Bind(ReadOnlySpan<byte> syndrome, double[][] inputs)
    {
        for (int t = 0; t < _fixed.Count; t++)
        {
            inputs[t] = _fixed[t];
        }
        for (int c = 0; c < NumDetectors; c++)
        {
            bool bit = ((syndrome[c >> 3] >> (c & 7)) & 1) != 0;
            inputs[_detectorTensor[c]] = bit ? _odd[c] : _even[c];
        }
    }

    /// <summary>Input tensor t: its values when they do not depend on the syndrome, else the detector whose bit picks them.</summary>
    internal (double[]? Fixed, int Detector) Source(int t)
    {
        int c = Array.IndexOf(_detectorTensor, t);
        return c >= 0 ? (null, c) : (_fixed[t], -1);
    }

    /// <summary>The syndrome-dependent tensor of detector c for bit 0 and for bit 1.</summary>
    internal (double[] Even, double[] Odd) DetectorTensors(int c) => (_even[c], _odd[c]);

    /// <summary>
    /// Adds XOR tensors whose output label carries the parity of <paramref name="legs"/>: a single leg is
    /// its own parity (no tensor); otherwise T[a, b, out] = [out = a ⊕ b] along the chain. Returns the
    /// label that holds the parity.
    /// </summary>
    private int AddXorChain(int[] legs, List<int[]> indices, Dictionary<int, int> dims, ref int nextLabel)
    {
        if (legs.Length == 1)
        {
            // The parity is the mechanism's own label: copy it into a fresh label so the caller may close it.
            int copy = nextLabel++;
            dims[copy] = 2;
            indices.Add([legs[0], copy]);
            _fixed.Add([1, 0, 0, 1]);
            return copy;
        }
        int carry = legs[0];
        for (int i = 1; i < legs.Length; i++)
        {
            int output = nextLabel++;
            dims[output] = 2;
            indices.Add([carry, legs[i], output]);
            _fixed.Add(Xor);
            carry = output;
        }
        return carry;
    }

    /// <summary>T[a, b, out] = 1 when out = a ⊕ b (row-major over a, b, out).</summary>
    private static readonly double[] Xor = [1, 0, 0, 1, 0, 1, 1, 0];
}
