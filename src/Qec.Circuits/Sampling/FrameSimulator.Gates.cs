using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qec.Circuits.Model;

namespace Qec.Circuits.Sampling;

/// <summary>
/// Clifford gates on the frame, 256 shots per vector operation: each gate is one loop over the
/// <c>W / 4</c> vectors of the rows it touches (W is a power of two ≥ 4, so there is no tail).
/// Rows are reached by reference without bounds checks; the invariant that makes this safe —
/// every gate target q satisfies 0 ≤ q &lt; NumQubits, so row q lies inside the tables — is checked
/// once per simulator by <see cref="CheckGateTargets"/> (the parser's targets are unsigned and
/// NumQubits is one more than the largest).
/// </summary>
internal sealed partial class FrameSimulator
{
    /// <summary>Vectors of 4 words per row.</summary>
    private int Lanes => _words >> 2;

    /// <summary>Row q of <paramref name="table"/> as its first vector (see the class invariant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Vector256<ulong> RowLanes(ulong[] table, int q) =>
        ref Unsafe.As<ulong, Vector256<ulong>>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (nint)q * _words));

    /// <summary>H: X ↔ Z.</summary>
    private void Hadamard(int q)
    {
        ref var x = ref RowLanes(_x, q);
        ref var z = ref RowLanes(_z, q);
        for (int i = 0; i < Lanes; i++)
        {
            (Unsafe.Add(ref x, i), Unsafe.Add(ref z, i)) = (Unsafe.Add(ref z, i), Unsafe.Add(ref x, i));
        }
    }

    /// <summary>target ^= source on qubit q's rows: S is z ^= x, SQRT_X is x ^= z.</summary>
    private void XorWithin(ulong[] target, ulong[] source, int q)
    {
        ref var a = ref RowLanes(target, q);
        ref var b = ref RowLanes(source, q);
        for (int i = 0; i < Lanes; i++)
        {
            Unsafe.Add(ref a, i) ^= Unsafe.Add(ref b, i);
        }
    }

    /// <summary>C_XYZ: X → Y → Z → X on the frame, (x, z) ↦ (x ⊕ z, x).</summary>
    private void CycleXyz(int q)
    {
        ref var x = ref RowLanes(_x, q);
        ref var z = ref RowLanes(_z, q);
        for (int i = 0; i < Lanes; i++)
        {
            var xi = Unsafe.Add(ref x, i);
            Unsafe.Add(ref x, i) = xi ^ Unsafe.Add(ref z, i);
            Unsafe.Add(ref z, i) = xi;
        }
    }

    /// <summary>CX: X_c → X_c X_t, Z_t → Z_c Z_t, i.e. x_t ^= x_c and z_c ^= z_t.</summary>
    private void ControlledX(int c, int t)
    {
        ref var xc = ref RowLanes(_x, c);
        ref var zc = ref RowLanes(_z, c);
        ref var xt = ref RowLanes(_x, t);
        ref var zt = ref RowLanes(_z, t);
        for (int i = 0; i < Lanes; i++)
        {
            Unsafe.Add(ref xt, i) ^= Unsafe.Add(ref xc, i);
            Unsafe.Add(ref zc, i) ^= Unsafe.Add(ref zt, i);
        }
    }

    /// <summary>CZ: X_a → X_a Z_b and X_b → Z_a X_b, i.e. z_a ^= x_b and z_b ^= x_a.</summary>
    private void ControlledZ(int a, int b)
    {
        ref var xa = ref RowLanes(_x, a);
        ref var za = ref RowLanes(_z, a);
        ref var xb = ref RowLanes(_x, b);
        ref var zb = ref RowLanes(_z, b);
        for (int i = 0; i < Lanes; i++)
        {
            Unsafe.Add(ref za, i) ^= Unsafe.Add(ref xb, i);
            Unsafe.Add(ref zb, i) ^= Unsafe.Add(ref xa, i);
        }
    }

    /// <summary>CY = (I ⊗ S) CX (I ⊗ S†): X_c → X_c Y_y, Z_y → Z_c Z_y, X_y → Z_c X_y.</summary>
    private void ControlledY(int c, int y)
    {
        ref var xc = ref RowLanes(_x, c);
        ref var zc = ref RowLanes(_z, c);
        ref var xy = ref RowLanes(_x, y);
        ref var zy = ref RowLanes(_z, y);
        for (int i = 0; i < Lanes; i++)
        {
            var control = Unsafe.Add(ref xc, i);
            Unsafe.Add(ref zc, i) ^= Unsafe.Add(ref xy, i) ^ Unsafe.Add(ref zy, i);
            Unsafe.Add(ref xy, i) ^= control;
            Unsafe.Add(ref zy, i) ^= control;
        }
    }

    /// <summary>SWAP: both frame components trade places.</summary>
    private void SwapQubits(int a, int b)
    {
        ref var xa = ref RowLanes(_x, a);
        ref var za = ref RowLanes(_z, a);
        ref var xb = ref RowLanes(_x, b);
        ref var zb = ref RowLanes(_z, b);
        for (int i = 0; i < Lanes; i++)
        {
            (Unsafe.Add(ref xa, i), Unsafe.Add(ref xb, i)) = (Unsafe.Add(ref xb, i), Unsafe.Add(ref xa, i));
            (Unsafe.Add(ref za, i), Unsafe.Add(ref zb, i)) = (Unsafe.Add(ref zb, i), Unsafe.Add(ref za, i));
        }
    }

    /// <summary>Establishes the class invariant: every qubit target of every gate, noise channel and measurement is in [0, NumQubits).</summary>
    /// <exception cref="ArgumentException">a target outside that range (only possible for a circuit built in code).</exception>
    private static void CheckGateTargets(Circuit block, int numQubits)
    {
        foreach (var op in block.Operations)
        {
            if (op is CircuitRepeat r)
            {
                CheckGateTargets(r.Body, numQubits);
            }
            else if (op is CircuitInstruction i && i.Gate is not (GateKind.Detector or GateKind.ObservableInclude))
            {
                foreach (int q in i.Targets)
                {
                    if ((uint)q >= (uint)numQubits)
                    {
                        throw new ArgumentException($"line {i.Line}: {i.Name} targets qubit {q}, outside 0..{numQubits - 1}");
                    }
                }
            }
        }
    }
}
