using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Architecture;

/// <summary>Every source a contract file cites is one a reader can follow: nothing points outside the repository's reach.</summary>
public sealed class ProvenanceTests
{
    // The notes this suite was first written from: not part of the repository, so never a citation. Split so this file does not cite it.
    private static readonly string PrivateNotes = string.Concat("shared/", "REFERENCE.md");

    [Fact]
    public void No_file_cites_notes_outside_the_repository()
    {
        var citing = SourceTree.Files(RepoPaths.Root)
            .Where(f => new FileInfo(f).Length < 5_000_000 && File.ReadAllText(f).Contains(PrivateNotes, StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f)).ToList();

        citing.Should().BeEmpty("cite the article, the provider's documentation URL or an observation recorded in this repository");
    }

    [Fact]
    public void The_scan_reads_the_contract_files()
    {
        SourceTree.Files(RepoPaths.Root).Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Should().Contain(["contracts/checklist.json", "contracts/providers/cometapi/profile.json", "contracts/providers/openai/profile.json"]);
    }
}
