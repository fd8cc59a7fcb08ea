using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Coverage;

/// <summary>The README's side-by-side error-semantics table is generated from the provider profiles, so the two cannot drift.</summary>
public sealed class ReadmeErrorSemanticsTableTests
{
    private const string Start = "<!-- error-semantics:start (generated from contracts/providers/*/profile.json; UPDATE_README=1 dotnet test --filter ReadmeErrorSemanticsTable rewrites it) -->";
    private const string End = "<!-- error-semantics:end -->";

    private static IReadOnlyList<ProviderProfile> Profiles() =>
        [.. ProviderCatalog.Known(RepoPaths.Contracts).Select(p => TestContracts.For(p).Profile)];

    [Fact]
    public void The_readme_error_semantics_table_matches_the_profiles()
    {
        var readme = File.ReadAllText(RepoPaths.Readme).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, "README.md must hold the table markers");
        end.Should().BeGreaterThan(start);

        var expected = ErrorSemanticsTable.Render(Profiles());
        var actual = readme[(start + Start.Length)..end].Trim('\n');
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(RepoPaths.Readme, readme[..(start + Start.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }

        actual.Should().Be(expected, "run `UPDATE_README=1 dotnet test --filter ReadmeErrorSemanticsTable` after changing a profile");
    }

    [Fact]
    public void The_table_shows_where_cometapi_and_openai_differ_with_evidence_letters()
    {
        var table = ErrorSemanticsTable.Render(Profiles()).Split('\n');

        table[0].Should().Be("| Mistake | CometAPI (`cometapi`) | OpenAI (`openai`) | Same everywhere? |");
        table.Should().Contain(l => l.StartsWith("| malformed request | 500, type `comet_api_error`, code `invalid_request` (D) | 400, type `invalid_request_error` (I) | **no** |", StringComparison.Ordinal));
        table.Should().Contain(l => l.StartsWith("| unknown model | 503", StringComparison.Ordinal) && l.Contains("| 404, type `invalid_request_error`, code `model_not_found` (I) | **no** |", StringComparison.Ordinal));
        table.Should().Contain(l => l.StartsWith("| request id |", StringComparison.Ordinal) && l.EndsWith("| **no** |", StringComparison.Ordinal));
        table.Should().Contain("| live evidence of its own | none: not approved as a fallback | none: not approved as a fallback | - |");
    }
}
