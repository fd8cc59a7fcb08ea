using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using NJsonSchema;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// GATE: the launch ticket's fields live in contracts/launch-gate.json; the gate names every blocker (a failed or
/// blocked check with its cause, an inconclusive one as "needs review"), and simulated evidence never opens it.
/// The evidence bundle follows its schema and carries no secret; the launch ticket reads gate first, then sections.
/// What the service runs (provider, client stack, fallback provider) is judged in <see cref="ServiceGateTests"/>.
/// </summary>
[Checklist("GATE")]
public sealed class LaunchGateTests : IDisposable
{
    private static readonly string[] Categories = ["CL2.unknown-path", "CL3.missing-key", "CL4.request.malformed-refused", "CL4.response.stream", "PONG.exact-output", "CL7.usage-reported"];
    private readonly string _dir = Directory.CreateTempSubdirectory("gate-").FullName;

    [Fact]
    public void Simulated_evidence_alone_is_a_no_go_naming_each_category_and_empty_ticket_field()
    {
        var verdict = LaunchGate.Load().Evaluate(Checks(EvidenceStatus.Passed, EvidenceTargets.Simulated), Ours());

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Contain(["endpoint: only simulated evidence; run the live checks (run-live.ps1)",
            "authentication: only simulated evidence; run the live checks (run-live.ps1)", "billing: only simulated evidence; run the live checks (run-live.ps1)"]);
        verdict.Blockers.Should().Contain("ticket field 'rollbackOwner' is not filled in (contracts/launch-gate.json)");
    }

    [Fact]
    public void Passed_live_evidence_in_every_category_and_a_filled_ticket_is_a_go()
    {
        var verdict = FilledGate().Evaluate(Checks(EvidenceStatus.Passed, EvidenceTargets.Live), Ours());

        verdict.Verdict.Should().Be("go");
        verdict.Blockers.Should().BeEmpty();
    }

    [Fact]
    public void A_failed_live_check_is_a_blocker_naming_the_check_and_its_cause()
    {
        var checks = Replace(Checks(EvidenceStatus.Passed, EvidenceTargets.Live), "CL3.missing-key", c => c with
        {
            Status = EvidenceStatus.Failed, FailureClass = "configuration", Message = "Expected result.Class to be Authentication,\nbut found Configuration.",
        });

        var verdict = FilledGate().Evaluate(checks, Ours());

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Equal("authentication: CL3.missing-key failed (configuration: Expected result.Class to be Authentication,)");
    }

    [Fact]
    public void A_blocked_check_is_a_blocker_naming_the_check_that_blocks_it_and_why()
    {
        var checks = Replace(Checks(EvidenceStatus.Passed, EvidenceTargets.Live), "CL3.missing-key", c => c with
        {
            Status = EvidenceStatus.Blocked, BlockedBy = "CL2.minimal-request", Message = "the configured endpoint answers 404",
        });

        FilledGate().Evaluate(checks, Ours()).Blockers.Should().Equal("authentication: CL3.missing-key blocked by CL2.minimal-request: the configured endpoint answers 404");
    }

    [Fact]
    public void An_inconclusive_check_is_a_no_go_that_needs_review_and_names_the_check()
    {
        var checks = Replace(Checks(EvidenceStatus.Passed, EvidenceTargets.Live), "CL2.unknown-path", c => c with
        {
            Status = EvidenceStatus.Inconclusive, Message = "400 without naming the model",
        });

        var verdict = FilledGate().Evaluate(checks, Ours());

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Equal("endpoint: CL2.unknown-path is inconclusive, needs review: 400 without naming the model");
    }

    [Fact]
    public void A_failed_check_outside_the_categories_blocks_under_its_section()
    {
        var checks = Checks(EvidenceStatus.Passed, EvidenceTargets.Live)
            .Append(Check("CL5.client-timeout", EvidenceStatus.Failed, EvidenceTargets.Live) with { FailureClass = "success", Message = "answer beat the deadline" }).ToList();

        FilledGate().Evaluate(checks, Ours()).Blockers.Should().Equal("CL5: CL5.client-timeout failed (answer beat the deadline)");
    }

    [Fact]
    public void Live_simulated_evidence_does_not_open_the_gate_either()
    {
        var verdict = FilledGate().Evaluate(Checks(EvidenceStatus.Passed, EvidenceTargets.LiveSimulated), Ours());

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Contain("billing: only live-simulated evidence; run the live checks against the real endpoint (run-live.ps1 without -Simulate)");
    }

    [Fact]
    public void A_category_without_any_check_is_a_blocker()
    {
        FilledGate().Evaluate(Checks(EvidenceStatus.Passed, EvidenceTargets.Live).Where(c => !c.Id.StartsWith("CL7.", StringComparison.Ordinal)).ToList(), Ours())
            .Blockers.Should().Equal("billing: no evidence");
    }

    [Fact]
    public void The_statuses_that_block_are_data_in_the_gate_file()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Contracts, "launch-gate.json")))!;

        file["blockingStatuses"]!.AsArray().Select(s => (string)s!).Should().Equal(EvidenceStatus.Failed, EvidenceStatus.Blocked);
        file["reviewStatuses"]!.AsArray().Select(s => (string)s!).Should().Equal(EvidenceStatus.Inconclusive);
    }

    [Fact]
    public async Task The_evidence_bundle_follows_its_schema_and_holds_neither_keys_nor_prompts()
    {
        var key = LeakMarkers.NewApiKey();
        var outcomes = EvidenceSamples.Outcomes(key).Append(EvidenceSamples.Outcome("T.Echo", "Echo", "PONG", EvidenceStatus.Passed, null,
            EvidenceSamples.Record("PONG.echo", EvidenceTargets.Simulated, 200, "req-1", usage: true, contentType: "application/json")
                with { Excerpts = [$"echo {key} and {LeakMarkers.PromptMarker}"] })).ToList();
        var bundle = EvidenceRun.Build(outcomes, EvidenceSamples.LiveSimulatedSettings(_dir)) with { RunId = "gate-test" };

        var folder = EvidenceWriter.Write(bundle, outcomes.SelectMany(o => o.Records).SelectMany(r => r.Ledger), _dir);

        var json = File.ReadAllText(Path.Combine(folder, EvidenceWriter.EvidenceFile));
        (await EvidenceSchema()).Validate(json).Should().BeEmpty();
        foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text.Should().NotContain(key, file).And.NotContain(LeakMarkers.PromptMarker, file);
        }

        var parsed = JsonNode.Parse(json)!;
        parsed["checks"]!.AsArray().Select(c => (string)c!["status"]!).Should().Contain([EvidenceStatus.Blocked, EvidenceStatus.Inconclusive, EvidenceStatus.Failed, EvidenceStatus.Skipped]);
        parsed["usage"]!["failed"]!.GetValue<int>().Should().Be(2);
        parsed["usage"]!["blocked"]!.GetValue<int>().Should().Be(1);
        parsed["usage"]!["inconclusive"]!.GetValue<int>().Should().Be(1);
        File.ReadAllLines(Path.Combine(folder, EvidenceWriter.LedgerFile)).Should().Equal(
            CometApi.Reliability.Billing.UsageLedgerCsv.Header,
            "2026-11-24T08:00:00.0000000Z,call-1,cometapi,https://sim.invalid/v1/chat/completions,gpt-4o-mini,false,0,200,success,req-usage-001,120,340,19,1,12");
        File.ReadAllText(Path.Combine(_dir, "LATEST")).Trim().Should().Be("gate-test");
    }

    [Theory]
    [InlineData("blocked", "{\"blockedBy\":null}", "a blocked check names what blocks it")]
    [InlineData("blocked", "{\"message\":null}", "a blocked check says why")]
    [InlineData("inconclusive", "{\"message\":null}", "an inconclusive check says what it saw")]
    [InlineData("failed", "{\"message\":null}", "a failed check keeps its message")]
    [InlineData("unknown", "{}", "the status is one of five")]
    public async Task The_schema_refuses_a_check_that_loses_its_reason(string status, string change, string because)
    {
        var check = new JsonObject
        {
            ["id"] = "CL3.missing-key", ["section"] = "CL3", ["status"] = status, ["test"] = "t", ["target"] = "live",
            ["blockedBy"] = "CL2.minimal-request", ["message"] = "why", ["requestIds"] = new JsonArray(), ["attempts"] = 0, ["durationMs"] = 0, ["excerpts"] = new JsonArray(),
        };
        foreach (var (name, _) in JsonNode.Parse(change)!.AsObject()) check.Remove(name);
        var bundle = JsonNode.Parse(JsonSerializerBundle())!.AsObject();
        bundle["checks"] = new JsonArray(check);

        (await EvidenceSchema()).Validate(bundle.ToJsonString()).Should().NotBeEmpty(because);
        check["status"] = "passed";
        (await EvidenceSchema()).Validate(bundle.ToJsonString()).Should().BeEmpty("the same check passed is valid");
    }

    [Theory]
    [InlineData("{\"provider\":{\"name\":\"cometapi\",\"liveEvidence\":false}}", "a provider names its profile's display name and level, or its problem")]
    [InlineData("{\"clientStack\":{}}", "the client stack is named")]
    [InlineData("{\"fallback\":{\"name\":\"openai\",\"approved\":true,\"evidenceLevel\":\"documented\",\"reason\":\"docs\"}}", "a fallback is approved only with runtime evidence of its own")]
    [InlineData("{\"fallback\":{\"name\":\"openai\",\"approved\":false}}", "a fallback says why it is not approved")]
    [InlineData("{\"clientStacks\":[{\"stack\":\"x\",\"rules\":[{\"rule\":\"r\",\"title\":\"t\",\"holds\":false}]}]}", "a violated rule names the scenario that shows it")]
    [InlineData("{\"errorSemantics\":{\"providers\":[],\"rows\":[]}}", "the error-semantics table has a column per profile")]
    public async Task The_schema_refuses_a_service_that_loses_what_the_gate_judged(string change, string because)
    {
        var bundle = JsonNode.Parse(JsonSerializerBundle())!.AsObject();
        (await EvidenceSchema()).Validate(bundle.ToJsonString()).Should().BeEmpty("the bundle of the repository's defaults is valid");
        bundle["service"]!["fallback"] = new JsonObject { ["name"] = "openai", ["approved"] = false, ["evidenceLevel"] = "unverified", ["reason"] = "no live evidence" };
        (await EvidenceSchema()).Validate(bundle.ToJsonString()).Should().BeEmpty("an unapproved fallback with its reason is valid");

        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject().ToList()) bundle["service"]![name] = value?.DeepClone();

        (await EvidenceSchema()).Validate(bundle.ToJsonString()).Should().NotBeEmpty(because);
    }

    private string JsonSerializerBundle() =>
        System.Text.Json.JsonSerializer.Serialize(EvidenceRun.Build([], EvidenceSamples.LiveSimulatedSettings(_dir)), EvidenceWriter.Json);

    private static Task<JsonSchema> EvidenceSchema() => JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Contracts, "evidence.schema.json"));

    private LaunchGate FilledGate() => GateFiles.Filled(_dir);

    /// <summary>The repository's default service: provider cometapi, stack ours, no fallback provider named.</summary>
    private static ServiceEvidence Ours() => ServiceEvidence.Resolve(LaunchGate.Load(), "cometapi", null, null, RepoPaths.Root);

    internal static List<EvidenceCheck> Checks(string status, string target) => Categories.Select(id => Check(id, status, target)).ToList();

    private static EvidenceCheck Check(string id, string status, string target) =>
        new(id, id.Split('.')[0], status, "t", target, null, null, 200, [], 1, 1, [], null, null);

    private static List<EvidenceCheck> Replace(List<EvidenceCheck> checks, string id, Func<EvidenceCheck, EvidenceCheck> change) =>
        checks.Select(c => c.Id == id ? change(c) : c).ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
