using Qec.Core.Codes;

namespace Qec.Core.Tests.Codes;

public sealed class BivariatePolynomialTests
{
    [Theory]
    [InlineData("x3+y+y2", "3,0 0,1 0,2")]
    [InlineData("x^3 + y + y^2", "3,0 0,1 0,2")]
    [InlineData(" y3+x+x2 ", "0,3 1,0 2,0")]
    [InlineData("x2y", "2,1")]
    [InlineData("xy^2", "1,2")]
    [InlineData("x^2y^3+1", "2,3 0,0")]
    [InlineData("1", "0,0")]
    [InlineData("1+x", "0,0 1,0")]
    [InlineData("yx", "1,1")]
    [InlineData("xx", "2,0")]
    [InlineData("x0", "0,0")]
    [InlineData("x12+y007", "12,0 0,7")]
    public void ParsesEveryWrittenForm(string text, string terms)
    {
        var expected = terms.Split(' ').Select(t => t.Split(',')).Select(t => (int.Parse(t[0]), int.Parse(t[1])));
        var polynomial = BivariatePolynomial.Parse(text);
        Assert.Equal(expected, polynomial.Terms);
        Assert.Equal(text.Trim(), polynomial.Text);
        Assert.Equal(polynomial.Terms, BivariatePolynomial.Parse(polynomial.ToString()).Terms);
    }

    [Fact]
    public void PrintsTheCompactForm() =>
        Assert.Equal("x3+y+y2+1+x2y3", BivariatePolynomial.Parse("x^3 + y + y^2 + 1 + x^2y^3").ToString());

    [Theory]
    [InlineData("", "bad term '' at character 1: the polynomial is empty")]
    [InlineData("   ", "the polynomial is empty")]
    [InlineData("x+", "bad term '' at character 3: empty term")]
    [InlineData("x++y", "bad term '' at character 3: empty term")]
    [InlineData("x3+z", "bad term 'z' at character 4: 'z' is not x or y")]
    [InlineData("x3 + X", "bad term 'X' at character 6: 'X' is not x or y")]
    [InlineData("x^", "bad term 'x^' at character 1: '^' after x needs an exponent")]
    [InlineData("y+x^-1", "bad term 'x^-1' at character 3: '^' after x needs an exponent")]
    [InlineData("x*y", "bad term 'x*y' at character 1: '*' is not x or y")]
    [InlineData("2x", "bad term '2x' at character 1: '2' is not x or y")]
    [InlineData("x 3", "bad term 'x 3' at character 1: ' ' is not x or y")]
    [InlineData("x99999999999", "exponent 99999999999 is larger than")]
    [InlineData("x3+y+x^3", "term 'x^3' at character 6 repeats an earlier term")]
    [InlineData("xy+yx", "term 'yx' at character 4 repeats an earlier term")]
    public void BadTextIsQuoted(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => BivariatePolynomial.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"polynomial '{text}': ", e.Message, StringComparison.Ordinal);
    }
}
