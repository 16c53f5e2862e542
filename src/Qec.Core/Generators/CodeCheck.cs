namespace Qec.Core.Generators;

/// <summary>One stabilizer check: its (x, y) coordinates and the data qubits it acts on.</summary>
internal readonly record struct CodeCheck(double X, double Y, int[] Qubits);
