namespace Qec.Core.Formats.IO;

/// <summary>Describing bytes in error messages.</summary>
internal static class TextBytes
{
    /// <summary>A byte as a reader would want it quoted: <c>'x'</c>, <c>'\n'</c>, <c>byte 0x8F</c>, or the end of the data for -1.</summary>
    public static string Describe(int c) => c switch
    {
        < 0 => "the end of the data",
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        >= 0x20 and < 0x7F => $"'{(char)c}'",
        _ => $"byte 0x{c:X2}",
    };

    /// <summary>True for ASCII '0'..'9'.</summary>
    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;
}
