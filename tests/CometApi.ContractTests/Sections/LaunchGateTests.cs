using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using NJsonSchema;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// GATE: the launch ticket's fields live in contracts/launch-gate.json; the gate names every blocker, and
/// simulated evidence never opens it. The evidence bundle follows its schema and carries no secret.
/// </summary>
[Checklist("GATE")]
public sealed class LaunchGateTests : IDisposable
{
    private static readonly string[] Categories = ["CL2.unknown-path", "CL3.missing-key", "CL4.request.malformed-refused", "CL4.response.stream", "PONG.exact-output", "CL7.usage-reported"];
    private readonly string _dir = Directory.CreateTempSubdirectory("gate-").FullName;

    [Fact]
    public void Simulated_evidence_alone_is_a_no_go_naming_each_category_and_empty_ticket_field()
    {
        var verdict = LaunchGate.Load().Evaluate(Checks("passed", "simulated"));

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Contain(["endpoint: only simulated evidence; run the live checks (run-live.ps1)",
            "authentication: only simulated evidence; run the live checks (run-live.ps1)", "billing: only simulated evidence; run the live checks (run-live.ps1)"]);
        verdict.Blockers.Should().Contain("ticket field 'rollbackOwner' is not filled in (contracts/launch-gate.json)");
    }

    [Fact]
    public void Passed_live_evidence_in_every_category_and_a_filled_ticket_is_a_go()
    {
        var verdict = FilledGate().Evaluate(Checks("passed", "live"));

        verdict.Verdict.Should().Be("go");
        verdict.Blockers.Should().BeEmpty();
    }

    [Fact]
    public void A_failed_live_check_blocks_its_category_by_name()
    {
        var checks = Checks("passed", "live").Select(c => c.Id == "CL3.missing-key" ? c with { Status = "failed" } : c).ToList();

        FilledGate().Evaluate(checks).Blockers.Should().Equal("authentication: 1 failed check(s): CL3.missing-key");
    }

    [Fact]
    public void Live_simulated_evidence_does_not_open_the_gate_either()
    {
        FilledGate().Evaluate(Checks("passed", "live-simulated")).Verdict.Should().Be("no-go");
    }

    [Fact]
    public void A_category_without_any_check_is_a_blocker()
    {
        FilledGate().Evaluate(Checks("passed", "live").Where(c => !c.Id.StartsWith("CL7.", StringComparison.Ordinal)).ToList())
            .Blockers.Should().Equal("billing: no evidence");
    }

    [Fact]
    public async Task The_evidence_bundle_follows_its_schema_and_holds_neither_keys_nor_prompts()
    {
        var key = LeakMarkers.NewApiKey();
        var outcomes = new List<TestOutcome>
        {
            new("T.Pong", "Pong", "PONG", "passed", null, 12, new EvidenceNote { Id = "PONG.exact-output", Target = "simulated", HttpStatus = 200, RequestIds = ["req-1"], Attempts = 1,
                Excerpts = [$"echo {key} and {LeakMarkers.PromptMarker}"], LedgerCsvRows = [$"2026-11-24T08:00:00Z,c,cometapi,e,m,false,0,200,success,req-1,10,20,1,1,5"] }),
            new("T.Auth(scenario: \"x\")", "Auth", "CL3", "failed", $"Expected 401 but the key {key} was sent", 3, null),
            new("T.Skipped", "Skipped", "CL5", "skipped", "live mode is off", 0, null),
        };
        var bundle = EvidenceRun.Build(outcomes) with { RunId = "gate-test" };

        var folder = EvidenceWriter.Write(bundle, outcomes.SelectMany(o => o.Note?.LedgerCsvRows ?? []), _dir);

        var json = File.ReadAllText(Path.Combine(folder, EvidenceWriter.EvidenceFile));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Contracts, "evidence.schema.json"));
        schema.Validate(json).Should().BeEmpty();
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text.Should().NotContain(key, file).And.NotContain(LeakMarkers.PromptMarker, file);
        }

        var parsed = JsonNode.Parse(json)!;
        parsed["checks"]!.AsArray().Select(c => (string)c!["id"]!).Should().Equal("CL3.auth[scenario-x]", "CL5.skipped", "PONG.exact-output");
        parsed["usage"]!["failed"]!.GetValue<int>().Should().Be(1);
        File.ReadAllText(Path.Combine(folder, EvidenceWriter.TicketFile)).Should().Contain("## Gate: NO-GO").And.Contain("`PONG.exact-output` | passed");
        File.ReadAllText(Path.Combine(_dir, "LATEST")).Trim().Should().Be("gate-test");
    }

    private LaunchGate FilledGate()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Contracts, "launch-gate.json")))!.AsObject();
        foreach (var field in file["ticket"]!.AsObject().Select(p => p.Key).ToList())
            file["ticket"]![field] ??= "filled in by the launch owner";
        var path = Path.Combine(_dir, "launch-gate.json");
        File.WriteAllText(path, file.ToJsonString());
        return LaunchGate.Load(path);
    }

    private static List<EvidenceCheck> Checks(string status, string target) =>
        Categories.Select(id => new EvidenceCheck(id, status, "t", target, null, 200, [], 1, 1, [], null)).ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
