using Qec.Core.Algebra;
using Qec.Core.Codes;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Codes;

/// <summary>
/// The bivariate bicycle reference codes of ../shared/reference/bp: bb72 from the copy in tests/data/bp
/// (always there), bb144 from ../shared (null when absent). Parameters from its README.md.
/// </summary>
internal static class BbReference
{
    public const string A = "x3+y+y2";
    public const string B = "y3+x+x2";

    /// <summary>(name, l, m, rank of H_X and of H_Z).</summary>
    public static readonly (string Name, int L, int M, int Rank)[] Codes = [("bb72", 6, 6, 30), ("bb144", 12, 6, 66)];

    /// <summary>The folder holding NAME_HX.txt etc. for a code, or null (after saying SKIPPED) when it is not available here.</summary>
    public static string? Folder(string name, ITestOutputHelper output) => name == "bb72" ? TestPaths.Data("bp") : SharedFolder(output);

    /// <summary>../shared/reference/bp (all codes and the shots), or null after saying SKIPPED.</summary>
    public static string? SharedFolder(ITestOutputHelper output)
    {
        string? folder = TestPaths.ReferenceFile("bp");
        if (folder is null)
        {
            output.WriteLine("SKIPPED: ../shared/reference is absent");
        }
        return folder;
    }

    public static BinaryMatrix Matrix(string folder, string file) => ParityCheckFile.Load(Path.Combine(folder, file));
}
