using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Shapes;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Coverage;

/// <summary>
/// Every file under <c>snapshots/</c> is the reviewed shape of a case the suite produces: a snapshot no test uses
/// (a renamed or removed scenario) fails the run instead of rotting. Missing snapshots are strict mode's job.
/// </summary>
[Trait("Category", SnapshotSettings.Category)]
public sealed class SnapshotCoverageTests
{
    [Fact]
    public void No_snapshot_file_is_dangling()
    {
        var fixtures = new FixtureShapeSource();
        var used = fixtures.Cases.Select(c => $"{fixtures.Provider}/{c.SnapshotPath}")
            .Concat(ProviderCatalog.Known(RepoPaths.Contracts).Where(p => p != fixtures.Provider)
                .SelectMany(p => new LiveShapeSource().Cases.Select(c => $"{p}/{c.SnapshotPath}")))
            .ToHashSet(StringComparer.Ordinal);

        var dangling = SnapshotFiles().Where(f => !used.Contains(f)).ToList();

        dangling.Should().BeEmpty("no shape test uses these files under snapshots/: delete them, or restore the scenario they belong to");
    }

    [Fact]
    public void Every_provider_profile_has_its_reviewed_live_shapes_and_nothing_else_has_a_folder()
    {
        var providers = ProviderCatalog.Known(RepoPaths.Contracts);
        var live = new LiveShapeSource().Cases;

        Directory.GetDirectories(RepoPaths.Snapshots).Select(Path.GetFileName).Should().BeEquivalentTo(providers,
            "snapshots/ holds one folder per provider profile");
        foreach (var provider in providers)
        {
            live.Select(c => Path.Combine(RepoPaths.Snapshots, provider, c.SnapshotPath)).Should().AllSatisfy(f =>
                File.Exists(f).Should().BeTrue($"a live run against {provider} judges {Path.GetRelativePath(RepoPaths.Snapshots, f)} by it"));
        }
    }

    [Fact]
    public void Every_snapshot_file_is_a_snap_file_with_LF_line_endings()
    {
        SnapshotFiles().Should().AllSatisfy(f =>
        {
            f.Should().EndWith(".snap");
            File.ReadAllText(Path.Combine(RepoPaths.Snapshots, f)).Should().NotContain("\r", f);
        });
    }

    private static IEnumerable<string> SnapshotFiles() =>
        Directory.Exists(RepoPaths.Snapshots)
            ? Directory.EnumerateFiles(RepoPaths.Snapshots, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepoPaths.Snapshots, f).Replace('\\', '/'))
            : [];
}
