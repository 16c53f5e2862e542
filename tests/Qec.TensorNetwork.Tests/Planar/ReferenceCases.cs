using Qec.Core.Dem;
using Qec.Tests.Shared;
using Xunit.Abstractions;

namespace Qec.TensorNetwork.Tests.Planar;

/// <summary>Stim's code-capacity reference cases in ../shared/reference (dems/, shots/, pymatching/).</summary>
internal static class ReferenceCases
{
    /// <summary>The case's model, or null after writing a SKIPPED line when the reference data is absent.</summary>
    public static DetectorErrorModel? TryLoad(string name, ITestOutputHelper output)
    {
        if (TestPaths.ReferenceFile($"dems/{name}.dem") is { } path && System.IO.File.Exists(path))
        {
            return DetectorErrorModel.Load(path);
        }
        output.WriteLine($"SKIPPED: reference data for {name} is absent");
        return null;
    }

    /// <summary>A file of the case, e.g. <c>shots/NAME.dets.b8</c> with NAME replaced.</summary>
    public static string PathOf(string pattern, string name) =>
        TestPaths.ReferenceFile(pattern.Replace("NAME", name, StringComparison.Ordinal))!;
}
