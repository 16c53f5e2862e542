using System.Collections.Immutable;

namespace Qec.Circuits.Model;

/// <summary>One entry of a circuit: an instruction or a repeat block. Immutable.</summary>
/// <param name="Line">1-based line of the instruction (or of <c>REPEAT</c>) in its source.</param>
/// <param name="Column">1-based column of the instruction's name.</param>
public abstract record CircuitOperation(int Line, int Column);

/// <summary>
/// One instruction line, e.g. <c>DEPOLARIZE2(0.001) 0 1 2 3</c>.
/// </summary>
/// <param name="Gate">What it does.</param>
/// <param name="Name">The name as written (an alias keeps its spelling, upper-cased), for messages.</param>
/// <param name="Args">The parenthesised numbers (probabilities, coordinates, observable index).</param>
/// <param name="Targets">
/// Qubit indices (≥ 0) or, for <c>DETECTOR</c> and <c>OBSERVABLE_INCLUDE</c>, measurement-record
/// offsets <c>rec[-k]</c> stored as −k (&lt; 0).
/// </param>
/// <param name="Tag">The text between <c>[</c> and <c>]</c> after the name (unescaped), or empty.</param>
/// <param name="Line">1-based line of the instruction.</param>
/// <param name="Column">1-based column of its name.</param>
public sealed record CircuitInstruction(
    GateKind Gate, string Name, ImmutableArray<double> Args, ImmutableArray<int> Targets, string Tag, int Line, int Column)
    : CircuitOperation(Line, Column)
{
    /// <summary>The instruction as written in a message: name, tag and arguments, no targets.</summary>
    public string Head
    {
        get
        {
            var s = new System.Text.StringBuilder(Name);
            if (Tag.Length > 0)
            {
                s.Append('[').Append(Tag).Append(']');
            }
            if (Args.Length > 0)
            {
                s.Append('(');
                for (int i = 0; i < Args.Length; i++)
                {
                    s.Append(i == 0 ? "" : ", ").Append(Args[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
                s.Append(')');
            }
            return s.ToString();
        }
    }
}

/// <summary><c>REPEAT N { … }</c>: the body run N ≥ 1 times in a row.</summary>
/// <param name="Count">How many times the body runs (at least 1).</param>
/// <param name="Body">The block's operations.</param>
/// <param name="Tag">The tag after <c>REPEAT</c>, or empty.</param>
/// <param name="Line">1-based line of <c>REPEAT</c>.</param>
/// <param name="Column">1-based column of <c>REPEAT</c>.</param>
public sealed record CircuitRepeat(ulong Count, Circuit Body, string Tag, int Line, int Column)
    : CircuitOperation(Line, Column);
