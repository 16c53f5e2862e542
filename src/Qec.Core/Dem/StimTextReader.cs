using System.Text;

namespace Qec.Core.Dem;

/// <summary>
/// The cursor both of Stim's text formats are read with — detector error models here (<see cref="DemParser"/>) and
/// circuits in Qec.Circuits — and the tokens they share: the position, 1-based line and column (UTF-16 units from
/// the line start), instruction names, <c>[tag]</c>s with Stim's escapes, and a description of what comes next for
/// error messages. A subclass owns line endings and everything else of its grammar, and says which exception a
/// problem becomes (<see cref="CreateError"/>), so every error names its source, line and column.
/// </summary>
internal abstract class StimTextReader
{
    private protected readonly string _text;
    private protected readonly string _source;
    private protected int _pos;
    private protected int _line = 1;
    private protected int _lineStart;

    private protected StimTextReader(string text, string source)
    {
        _text = text;
        _source = source;
    }

    private protected bool AtEnd => _pos >= _text.Length;

    private protected char Peek => _pos < _text.Length ? _text[_pos] : '\0';

    private protected int Column => _pos - _lineStart + 1;

    /// <summary>The format's exception for a problem at (line, column) of this source.</summary>
    private protected abstract Exception CreateError(int line, int column, string problem);

    private protected Exception Error(string problem) => CreateError(_line, Column, problem);

    private protected Exception ErrorAt(int line, int column, string problem) => CreateError(line, column, problem);

    /// <summary>An instruction name: ASCII letters, digits and '_', at least one.</summary>
    private protected string ReadName()
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek == '_'))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw Error($"expected an instruction name but found {DescribeNext()}");
        }
        return _text[start.._pos];
    }

    /// <summary>Reads <c>[tag]</c> at '['; Stim's escapes: <c>\C</c> = ']', <c>\B</c> = '\', <c>\r</c>, <c>\n</c>. Ends on its line.</summary>
    private protected string ReadTag()
    {
        int line = _line, column = Column;
        _pos++; // '['
        var tag = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek is '\n' or '\r')
            {
                throw ErrorAt(line, column, "the tag opened here is never closed: expected ']' on the same line");
            }
            char c = _text[_pos++];
            if (c == ']')
            {
                return tag.ToString();
            }
            if (c != '\\')
            {
                tag.Append(c);
                continue;
            }
            char e = Peek;
            _pos++;
            tag.Append(e switch
            {
                'C' => ']',
                'B' => '\\',
                'r' => '\r',
                'n' => '\n',
                _ => throw ErrorAt(_line, Column - 2, $"unknown escape '\\{e}' in a tag (use \\C, \\B, \\r or \\n)"),
            });
        }
    }

    /// <summary>What comes next, for "expected … but found …": the end of the input or line, or the next token quoted (24 characters at most).</summary>
    private protected string DescribeNext()
    {
        if (AtEnd)
        {
            return "the end of the input";
        }
        if (Peek is '\n' or '\r')
        {
            return "the end of the line";
        }
        int end = _pos;
        while (end < _text.Length && end - _pos < 24 && _text[end] is not (' ' or '\t' or '\n' or '\r'))
        {
            end++;
        }
        return "'" + _text[_pos..Math.Max(end, _pos + 1)] + "'";
    }
}
