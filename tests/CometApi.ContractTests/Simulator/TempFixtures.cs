namespace CometApi.ContractTests.Simulator;

/// <summary>A private copy of the repository's fixtures folder, so a test can write recordings and promote them.</summary>
public sealed class TempFixtures : IDisposable
{
    public TempFixtures()
    {
        Root = Directory.CreateTempSubdirectory("cometapi-fixtures-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Fixtures, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(RepoPaths.Fixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public FixtureCatalog Catalog() => FixtureCatalog.Load(Root);

    public IEnumerable<string> WrittenUnder(string folder) =>
        Directory.Exists(Path.Combine(Root, folder)) ? Directory.GetFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories) : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
