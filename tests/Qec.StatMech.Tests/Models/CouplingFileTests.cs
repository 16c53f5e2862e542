using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.Models;

public class CouplingFileTests
{
    private static IsingModel Parse(string text) => CouplingFile.Parse(new StringReader(text), "test.txt");

    [Fact]
    public void ReadsHeaderCouplingsFieldsAndComments()
    {
        var model = Parse("# a triangle\nn 4\n0 1 1.5  # strong\n1 2 -1\n\n2 0 0.25\nh 3 -0.5\n");
        Assert.Equal(4, model.Size);
        Assert.Equal([new Coupling(0, 1, 1.5), new Coupling(1, 2, -1), new Coupling(0, 2, 0.25)], model.Couplings.ToArray());
        Assert.Equal([0, 0, 0, -0.5], model.Fields.ToArray());
    }

    [Fact]
    public void SizeWithoutHeaderIsTheLargestIndexPlusOne()
    {
        var model = Parse("0 5 1\n");
        Assert.Equal(6, model.Size);
        Assert.False(model.HasFields);
    }

    [Theory]
    [InlineData("", "test.txt: no couplings, fields or 'n' header (empty file)")]
    [InlineData("# only a comment\n", "test.txt: no couplings, fields or 'n' header (empty file)")]
    [InlineData("0 1\n", "test.txt:1: '0 1' has 2 fields; expected 'i j J' (a coupling), 'h i value' (a field) or 'n N' (the size)")]
    [InlineData("0 1 1\n1 x 2\n", "test.txt:2: spin index 'x' is not a non-negative integer")]
    [InlineData("0 1 abc\n", "test.txt:1: 'abc' is not a finite number")]
    [InlineData("0 1 NaN\n", "test.txt:1: 'NaN' is not a finite number")]
    [InlineData("n 3\n0 3 1\n", "test.txt:2: spin index 3 is outside 0..2 (header n 3)")]
    [InlineData("2 2 1\n", "test.txt:1: coupling joins spin 2 to itself")]
    [InlineData("h 0 1\nh 0 2\n", "test.txt:2: field h_0 given twice")]
    [InlineData("n 3\nn 4\n", "test.txt:2: a second 'n' header (the first is on line 1)")]
    [InlineData("0 1 1\nn 4\n", "test.txt:2: the 'n' header must come before any coupling or field")]
    [InlineData("n 0\n", "test.txt:1: n = 0; a model needs at least one spin")]
    [InlineData("-1 2 1\n", "test.txt:1: spin index '-1' is not a non-negative integer")]
    public void BadInputNamesFileAndLine(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => Parse(text)).Message);

    /// <summary>Every prefix of a valid file either parses or fails with a located message; never anything else.</summary>
    [Fact]
    public void EveryPrefixParsesOrFailsCleanly()
    {
        const string text = "n 3\n0 1 1.5\nh 2 -0.25\n1 2 2\n";
        for (var length = 0; length <= text.Length; length++)
        {
            try
            {
                Parse(text[..length]);
            }
            catch (FormatException error)
            {
                Assert.StartsWith("test.txt", error.Message, StringComparison.Ordinal);
            }
        }
    }
}
