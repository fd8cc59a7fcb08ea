using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// GATE: the launch ticket reads as an operator needs it (gate, sections, live observations, whole failures, then
/// the per-test rows folded away) and renders on GitHub (the job summary). Its rendering of a fixed bundle is a
/// reviewed file: a change shows up as a diff of <c>LaunchTicket.expected.md</c> in review.
/// </summary>
[Checklist("GATE")]
public sealed class LaunchTicketTests : IDisposable
{
    private static readonly string Expected = Path.Combine(RepoPaths.Root, "tests", "CometApi.ContractTests", "Sections", "LaunchTicket.expected.md");
    private readonly string _dir = Directory.CreateTempSubdirectory("ticket-").FullName;

    [Fact]
    public void The_ticket_of_a_fixed_bundle_matches_its_reviewed_rendering()
    {
        var ticket = Render();

        var received = Expected.Replace(".expected.md", ".received.md", StringComparison.Ordinal);
        if (!File.Exists(Expected) || File.ReadAllText(Expected).ReplaceLineEndings("\n") != ticket)
        {
            File.WriteAllText(received, ticket);
            ticket.Should().Be(File.Exists(Expected) ? File.ReadAllText(Expected).ReplaceLineEndings("\n") : "",
                $"the rendering changed: review {received} and move it over {Expected} if it is right");
        }
        else if (File.Exists(received))
        {
            File.Delete(received);
        }
    }

    [Fact]
    public void The_gate_comes_first_then_the_sections_live_checks_failures_and_the_folded_rows()
    {
        var ticket = Render();

        var order = new[] { "## Gate: NO-GO", "## Checklist sections", "## Live checks", "## Failed, blocked and inconclusive checks", "## Provider, fallback and client stack", "## Ticket fields", "<details>" }
            .Select(heading => ticket.IndexOf(heading, StringComparison.Ordinal)).ToList();
        order.Should().AllSatisfy(i => i.Should().BePositive()).And.BeInAscendingOrder();
        ticket[..ticket.IndexOf("## Checklist sections", StringComparison.Ordinal)].Should()
            .Contain("authentication: CL3.missing-key failed (configuration:").And.Contain("CL3.malformed-key blocked by CL2.minimal-request");
    }

    [Fact]
    public void Each_checklist_section_is_one_row_with_its_pass_condition_and_counts()
    {
        var sections = ChecklistSections.Load();
        var rows = Render().Split('\n').SkipWhile(l => l != "## Checklist sections").Skip(4).TakeWhile(l => l.StartsWith('|')).ToList();

        rows.Select(r => r.Split(" | ")[0].TrimStart('|', ' ')).Should().Equal(sections.Select(s => s.Id));
        sections.Should().AllSatisfy(s => s.PassCondition.Should().NotBeNullOrWhiteSpace(s.Id));
        rows.Single(r => r.StartsWith("| CL3 ", StringComparison.Ordinal)).Should().EndWith("| 0 | 0 | 1 | 1 | 0 | 0 |", "CL3: one failed, one blocked");
        rows.Single(r => r.StartsWith("| CL6 ", StringComparison.Ordinal)).Should().EndWith("| 0 | 2 | 0 | 0 | 0 | 0 |", "two simulated rows of one theory");
        rows.Single(r => r.StartsWith("| PONG ", StringComparison.Ordinal)).Should().EndWith("| 1 | 0 | 0 | 0 | 0 | 0 |", "one live pass");
    }

    [Fact]
    public void Every_table_row_has_exactly_its_columns_so_no_cell_breaks_the_table()
    {
        var tables = Render().Split('\n').Where(l => l.StartsWith('|')).ToList();

        tables.Should().NotBeEmpty();
        foreach (var group in Render().Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var lines = group.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var columns = Columns(lines[0]);
            lines.Should().AllSatisfy(l => Columns(l).Should().Be(columns, l));
        }
    }

    [Fact]
    public void A_failure_keeps_its_whole_message_in_a_code_block_and_cells_escape_html_and_pipes()
    {
        var ticket = Render();

        ticket.Should().Contain("```text\n" + EvidenceSamples.DriftMessage + "\n```", "drift paths are kept, every line");
        ticket.Should().Contain("fix the base URL | check [REDACTED],\nbut found Configuration.\nExpected result.RequestId not to be <null>.", "inside a code block nothing is escaped");
        ticket.Should().NotContain("sk-canary-");
        var liveRow = ticket.Split('\n').Single(l => l.StartsWith("| `CL3.missing-key`", StringComparison.Ordinal));
        liveRow.Should().Contain("| text/html |").And.Contain("| absent |");
    }

    [Fact]
    public void The_ticket_names_the_provider_the_stack_and_the_fallback_and_shows_both_tables()
    {
        var ticket = Render();
        var service = EvidenceSamples.Service();

        ticket.Should().Contain("Provider profile `cometapi`; client stack `openai-sdk-default`; fallback provider `openai`.");
        ticket.Should().Contain("| Provider profile (`COMETAPI_PROVIDER`) | CometAPI (`cometapi`); evidence level unverified; no live evidence of its own |");
        ticket.Should().Contain("| Client stack (`COMETAPI_CLIENT_STACK`) | `openai-sdk-default`: **violates** `one-retry-transient-only`, `no-retry-contract-errors` |");
        ticket.Should().Contain("| Fallback provider (service.fallbackProvider) | `openai`: **not approved** (evidence level unverified): openai: no live evidence of its own");
        ticket.Should().Contain(StackVerdictTable.Render(service.ClientStacks.Select(s => s.ToVerdict())) + "\n");
        ticket.Should().Contain(ErrorSemanticsTable.Render(service.ErrorSemantics!) + "\n");
        ticket[..ticket.IndexOf("## Checklist sections", StringComparison.Ordinal)].Should()
            .Contain("- [ ] client stack: openai-sdk-default (COMETAPI_CLIENT_STACK) violates no-retry-contract-errors (")
            .And.Contain("- [ ] fallback: provider 'openai' is not approved as a fallback: ");
    }

    private string Render()
    {
        var key = LeakMarkers.NewApiKey();
        var gate = LaunchGate.Load();
        return LaunchTicket.Render(EvidenceSamples.Bundle(key, gate, _dir), gate);
    }

    /// <summary>Cells of a table line: '|' not escaped by a backslash, minus the outer two.</summary>
    private static int Columns(string line)
    {
        var pipes = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) pipes++;
        }

        return pipes - 1;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
