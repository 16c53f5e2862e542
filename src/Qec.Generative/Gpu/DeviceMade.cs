using System.Numerics;
using ILGPU;

namespace Qec.Generative.Gpu;

/// <summary>
/// A <see cref="Models.MadeNetwork{T}"/> as device views (uploaded once by <see cref="GpuGenerativeBatch{T}"/>). Every
/// tensor lives in <see cref="Weights"/> at the offsets below; layer l's row lengths are <c>RowLength[l·H .. (l+1)·H)</c>,
/// the output's follow at <c>L·H</c>; hidden units of degree d are <c>[DegreeStart[d], DegreeStart[d + 1])</c>.
/// </summary>
public struct DeviceMade<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>n, the logical bits.</summary>
    public int Variables;

    /// <summary>m, the condition bits.</summary>
    public int ConditionSize;

    /// <summary>H, the hidden width.</summary>
    public int Width;

    /// <summary>L, the hidden layers.</summary>
    public int Layers;

    /// <summary>1 when hidden layers after the first add their input (residual).</summary>
    public int Residual;

    /// <summary>1 for ReLU, 0 for tanh.</summary>
    public int Relu;

    /// <summary>Offset of hidden layer 0's weight; layer l's blocks follow as weight, bias, condition, each layer <see cref="LayerStride"/> after the previous (layer 0's weight is H·n, later ones H·H: see <see cref="HiddenWeight"/>).</summary>
    public long LayerStride;

    /// <summary>Offsets of the output's weight [n, in], bias [n] and condition [m, n].</summary>
    public long OutputWeight, OutputBias, OutputCondition;

    /// <summary>All parameters, concatenated.</summary>
    public ArrayView<T> Weights;

    /// <summary>Row lengths (prefix masks), hidden layers then output.</summary>
    public ArrayView<int> RowLength;

    /// <summary>First hidden unit of each degree, n + 2 entries.</summary>
    public ArrayView<int> DegreeStart;

    /// <summary>Offset of layer l's weight [H, in]: layer 0 at 0, then its bias and condition, then layer 1…</summary>
    public readonly long HiddenWeight(int l) => l == 0 ? 0 : FirstLayerLength + (l - 1) * LayerStride;

    /// <summary>Length of layer 0's blocks: H·n + H + m·H.</summary>
    public long FirstLayerLength;

    /// <summary>The inputs of layer l: n for layer 0, else H.</summary>
    public readonly int LayerInputs(int l) => l == 0 ? Variables : Width;
}
