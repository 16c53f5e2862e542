namespace Qec.Core.Codes;

/// <summary>A column count that a parsed matrix must have, and where it comes from (for the error).</summary>
/// <param name="Columns">The required number of columns.</param>
/// <param name="Origin">Why, e.g. "H_X in hx.txt has 72 qubits".</param>
internal readonly record struct ExpectedWidth(int Columns, string Origin);
