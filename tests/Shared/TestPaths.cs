namespace Qec.Tests.Shared;

/// <summary>Where test data lives: tests/data (copied next to the test binaries) and ../shared/reference.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding Decoder.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Small data files committed under tests/data, copied to the output folder as data/.</summary>
    public static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "data", relative);

    /// <summary>The peer reference data (../shared/reference beside the clone), or null when it is absent.</summary>
    public static string? Reference
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>A path inside ../shared/reference, or null when the reference data is absent.</summary>
    public static string? ReferenceFile(string relative) => Reference is { } r ? Path.Combine(r, relative) : null;

    private static string FindRepoRoot()
    {
        // The build records the source tree's root (Directory.Build.targets); binaries may live elsewhere.
        foreach (var meta in typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
        {
            if (meta is System.Reflection.AssemblyMetadataAttribute { Key: "QecdRepoRoot", Value: { } root }
                && File.Exists(Path.Combine(root, "Decoder.sln")))
            {
                return root;
            }
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Decoder.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Decoder.sln above {AppContext.BaseDirectory}");
    }
}
