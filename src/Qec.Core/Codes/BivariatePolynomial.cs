using System.Globalization;
using System.Text;
using Qec.Core.Algebra;

namespace Qec.Core.Codes;

/// <summary>
/// A polynomial in two commuting variables x, y with GF(2) coefficients: a set of distinct monomials
/// x^a·y^b, as used by bivariate bicycle codes (<see cref="BivariateBicycleCode"/>).
/// Text form: terms joined by '+', spaces allowed around them; a term is <c>1</c> or a product of
/// factors <c>x</c>, <c>y</c>, each optionally followed by an exponent written <c>3</c> or <c>^3</c>:
/// <c>x3+y+y2</c>, <c>x^3 + y + y^2</c>, <c>x2y</c>, <c>xy^2</c>, <c>1+x</c>. A variable named twice in a
/// term multiplies (<c>xx</c> = x²).
/// </summary>
public sealed class BivariatePolynomial
{
    private const int MaxExponent = 1_000_000;

    private BivariatePolynomial(string text, IReadOnlyList<(int X, int Y)> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The text this polynomial was parsed from, trimmed.</summary>
    public string Text { get; }

    /// <summary>The monomials x^X·y^Y, in the order written; no two equal.</summary>
    public IReadOnlyList<(int X, int Y)> Terms { get; }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">
    /// the text is empty, a term is malformed (the message quotes it and its 1-based character
    /// position), or a monomial appears twice (over GF(2) the two would cancel).
    /// </exception>
    public static BivariatePolynomial Parse(string text)
    {
        var terms = new List<(int X, int Y)>();
        int start = 0;
        while (true)
        {
            int plus = text.IndexOf('+', start);
            int end = plus < 0 ? text.Length : plus;
            string raw = text[start..end];
            int lead = raw.Length - raw.TrimStart().Length;
            var term = ParseTerm(text, raw.Trim(), start + lead);
            if (terms.Contains(term))
            {
                throw new FormatException($"polynomial '{text}': term '{raw.Trim()}' at character {start + lead + 1} repeats an earlier term "
                    + "(coefficients are mod 2, so the two would cancel)");
            }
            terms.Add(term);
            if (plus < 0)
            {
                break;
            }
            start = plus + 1;
        }
        return new BivariatePolynomial(text.Trim(), terms);
    }

    /// <summary>
    /// The lm × lm matrix of multiplication by this polynomial on GF(2)[Z_l × Z_m], with x = S_l ⊗ I_m and
    /// y = I_l ⊗ S_m (S the cyclic shift). Index (i, j) ↦ i·m + j; x^a·y^b sends basis vector (i, j) to
    /// (i + a mod l, j + b mod m), so its column (i, j) has its one in row (i + a, j + b).
    /// </summary>
    /// <exception cref="ArgumentException">l or m below 1, or two terms that are the same monomial mod (l, m).</exception>
    public BinaryMatrix ToMatrix(int l, int m)
    {
        if (l < 1 || m < 1)
        {
            throw new ArgumentException($"the torus Z_l × Z_m needs l, m ≥ 1 (got l = {l}, m = {m})");
        }
        var reduced = new List<(int X, int Y)>();
        foreach (var (a, b) in Terms)
        {
            var term = (a % l, b % m);
            if (reduced.IndexOf(term) is int earlier and >= 0)
            {
                throw new ArgumentException($"polynomial '{Text}': terms {Format(Terms[earlier])} and {Format((a, b))} are the same "
                    + $"monomial on Z_{l} × Z_{m} and would cancel");
            }
            reduced.Add(term);
        }
        var matrix = new BinaryMatrix(l * m, l * m);
        foreach (var (a, b) in reduced)
        {
            for (int i = 0; i < l; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    matrix[(i + a) % l * m + (j + b) % m, i * m + j] = true;
                }
            }
        }
        return matrix;
    }

    /// <summary>The terms in the compact text form, e.g. <c>x3+y+y2</c>.</summary>
    public override string ToString() => string.Join("+", Terms.Select(Format));

    private static string Format((int X, int Y) term)
    {
        var text = new StringBuilder();
        if (term.X > 0)
        {
            text.Append('x').Append(term.X > 1 ? term.X.ToString(CultureInfo.InvariantCulture) : "");
        }
        if (term.Y > 0)
        {
            text.Append('y').Append(term.Y > 1 ? term.Y.ToString(CultureInfo.InvariantCulture) : "");
        }
        return text.Length == 0 ? "1" : text.ToString();
    }

    /// <summary>One term: '1' or factors (x|y)(^?digits)?; <paramref name="position"/> is its 0-based offset in the text.</summary>
    private static (int X, int Y) ParseTerm(string text, string term, int position)
    {
        FormatException Bad(string why) => new($"polynomial '{text}': bad term '{term}' at character {position + 1}: {why} "
            + "(expected 1 or a product of x and y powers, e.g. x3, y^2, x2y)");
        if (term.Length == 0)
        {
            throw Bad(text.Trim().Length == 0 ? "the polynomial is empty" : "empty term");
        }
        if (term == "1")
        {
            return (0, 0);
        }
        int x = 0, y = 0, i = 0;
        while (i < term.Length)
        {
            char variable = term[i++];
            if (variable != 'x' && variable != 'y')
            {
                throw Bad($"'{variable}' is not x or y");
            }
            bool caret = i < term.Length && term[i] == '^';
            i += caret ? 1 : 0;
            int digits = i;
            while (i < term.Length && char.IsAsciiDigit(term[i]))
            {
                i++;
            }
            if (caret && digits == i)
            {
                throw Bad($"'^' after {variable} needs an exponent");
            }
            if (!int.TryParse(term.AsSpan(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out int exponent))
            {
                exponent = digits == i ? 1 : MaxExponent + 1;
            }
            if (exponent > MaxExponent)
            {
                throw Bad($"exponent {term[digits..i]} is larger than {MaxExponent}");
            }
            x += variable == 'x' ? exponent : 0;
            y += variable == 'y' ? exponent : 0;
            if (x > MaxExponent || y > MaxExponent)
            {
                throw Bad($"total exponent is larger than {MaxExponent}");
            }
        }
        return (x, y);
    }
}
