namespace CometApi.Simulation;

/// <summary>The repository's top-level folders, found from the test binaries (never through PDB source paths).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Contracts => Path.Combine(Root, "contracts");
    public static string Fixtures => Path.Combine(Root, "fixtures");
    public static string Snapshots => Path.Combine(Root, "snapshots");
    public static string Readme => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContractTests.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No ContractTests.sln above {AppContext.BaseDirectory}");
    }
}
