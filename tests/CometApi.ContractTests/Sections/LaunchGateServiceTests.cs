using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// GATE, what the service runs: the client stack (COMETAPI_CLIENT_STACK) must hold the rules contracts/launch-gate.json
/// names, judged from the reviewed recordings in contracts/clients; the provider (COMETAPI_PROVIDER) must name a
/// profile; a fallback provider the ticket names is approved only with live evidence of its own. Every check here
/// starts from an otherwise green bundle (live passes in every category, every ticket field filled).
/// </summary>
[Checklist("GATE")]
public sealed class LaunchGateServiceTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, StackVerdict> Verdicts = StackVerdicts.Load(RepoPaths.Root);
    private static readonly List<EvidenceCheck> Green = LaunchGateTests.Checks(EvidenceStatus.Passed, EvidenceTargets.Live);
    private readonly string _dir = Directory.CreateTempSubdirectory("gate-service-").FullName;

    [Theory]
    [InlineData("ours")]
    [InlineData("ours-ichatclient")]
    [InlineData("openai-sdk-checklist")]
    public void A_stack_that_holds_every_rule_on_an_otherwise_green_bundle_is_a_go(string stack)
    {
        Verdicts[stack].HoldsAll.Should().BeTrue("the recording of {0} holds every rule", stack);

        var verdict = GateFiles.Filled(_dir).Evaluate(Green, Service(stack));

        verdict.Verdict.Should().Be("go");
        verdict.Blockers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("openai-sdk-default")]
    [InlineData("meai-openai-default")]
    [InlineData("your-stack")]
    public void A_stack_that_violates_a_rule_is_a_no_go_naming_the_stack_each_rule_and_the_scenario(string stack)
    {
        var violations = Verdicts[stack].Violations.ToList();
        violations.Should().NotBeEmpty("the recording of {0} violates a rule", stack);

        var verdict = GateFiles.Filled(_dir).Evaluate(Green, Service(stack));

        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Equal(violations.Select(v =>
            $"client stack: {stack} (COMETAPI_CLIENT_STACK) violates {v.Rule.Id} ({v.Rule.Title}); shown by scenario {v.Evidence}"));
    }

    [Fact]
    public void The_sdk_defaults_are_a_no_go_for_retrying_quota_and_the_scenario_is_named()
    {
        var blockers = GateFiles.Filled(_dir).Evaluate(Green, Service("openai-sdk-default")).Blockers;

        blockers.Should().Contain(b => b.StartsWith("client stack: openai-sdk-default (COMETAPI_CLIENT_STACK) violates no-retry-contract-errors (", StringComparison.Ordinal)
            && b.Contains("shown by scenario quota-429-insufficient json: 4 attempts for quota_exhausted", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_rules_the_gate_file_names_block()
    {
        var gate = GateFiles.Filled(_dir, mustHold: [StackRule.NoKeyInExceptions.Id]);

        gate.Evaluate(Green, Service("openai-sdk-default")).Verdict.Should().Be("go", "the SDK defaults put no key into an exception");
        GateFiles.Filled(_dir, mustHold: [StackRule.InteractiveDeadline.Id]).Evaluate(Green, Service("openai-sdk-default")).Blockers
            .Should().ContainSingle().Which.Should().Contain("violates interactive-deadline");
    }

    [Fact]
    public void The_gate_file_requires_every_stack_rule()
    {
        LaunchGate.Load().ClientStackMustHold.Should().Equal(StackRule.All.Select(r => r.Id));
    }

    [Fact]
    public void A_required_rule_the_verdicts_do_not_know_is_a_blocker()
    {
        GateFiles.Filled(_dir, mustHold: ["no-teleporting"]).Evaluate(Green, Service("ours")).Blockers.Should().ContainSingle()
            .Which.Should().StartWith("client stack: contracts/launch-gate.json requires rule 'no-teleporting', which the verdicts do not know (one-retry-transient-only, ");
    }

    [Theory]
    [InlineData(null, "ours")]
    [InlineData("", "ours")]
    [InlineData("openai-sdk-default", "openai-sdk-default")]
    [InlineData(" OpenAI-SDK-Default ", "openai-sdk-default")]
    public void The_stack_comes_from_COMETAPI_CLIENT_STACK_and_defaults_to_ours(string? value, string expected)
    {
        var service = FromEnvironment(new() { [StackVerdicts.StackVariable] = value });

        service.ClientStack.Should().Be(new ClientStackInUse(expected, null));
        service.VerdictOfStackInUse!.Stack.Should().Be(expected);
    }

    [Fact]
    public void The_client_stack_this_run_names_is_recorded()
    {
        var service = ServiceEvidence.FromEnvironment(LaunchGate.Load(), LiveSettings.Current, Environment.GetEnvironmentVariable, RepoPaths.Root);

        service.ClientStack.Problem.Should().BeNull("COMETAPI_CLIENT_STACK must name a recorded stack: {0}", service.ClientStack.Problem);
    }

    [Fact]
    public void An_unknown_stack_is_a_blocker_listing_the_recorded_ones()
    {
        var service = FromEnvironment(new() { [StackVerdicts.StackVariable] = "semantic-kernel" });

        var blockers = GateFiles.Filled(_dir).Evaluate(Green, service).Blockers;

        var known = string.Join(", ", Verdicts.Keys.Order(StringComparer.Ordinal));
        blockers.Should().Equal($"client stack: COMETAPI_CLIENT_STACK='semantic-kernel' names no recorded client stack; known stacks: {known} (the files of contracts/clients/)");
        known.Should().Contain("ours").And.Contain("openai-sdk-default");
    }

    [Fact]
    public void An_unknown_provider_is_a_blocker_listing_the_known_profiles()
    {
        var service = FromEnvironment(new() { [LiveSettings.ProviderVariable] = "azure" });

        var blockers = GateFiles.Filled(_dir).Evaluate(Green, service).Blockers;

        blockers.Should().ContainSingle().Which.Should().StartWith("provider: COMETAPI_PROVIDER='azure' names no provider profile; known providers: cometapi, openai");
        service.Provider.Should().Match<ProviderInUse>(p => p.Name == "azure" && p.EvidenceLevel == null && !p.LiveEvidence);
    }

    [Fact]
    public void The_provider_the_run_used_is_named_with_its_evidence_level()
    {
        var service = FromEnvironment(new() { [LiveSettings.ProviderVariable] = "openai" });

        service.Provider.Should().Be(new ProviderInUse("openai", "OpenAI", EvidenceLevels.Unverified, false, null));
        FromEnvironment([]).Provider.Name.Should().Be("cometapi");
    }

    [Fact]
    public void A_fallback_provider_without_live_evidence_of_its_own_is_a_no_go()
    {
        var gate = GateFiles.Filled(_dir, fallback: "openai gpt-4o-mini on rate_limited and server_error", fallbackProvider: "openai");

        var service = ServiceEvidence.Resolve(gate, "cometapi", null, null, RepoPaths.Root);
        var verdict = gate.Evaluate(Green, service);

        service.Fallback.Should().Be(new FallbackProvider("openai", false, EvidenceLevels.Unverified, ProviderEvidence.Of(Profile("openai")).Reason));
        verdict.Verdict.Should().Be("no-go");
        verdict.Blockers.Should().Equal("fallback: provider 'openai' is not approved as a fallback: openai: no live evidence of its own (its error semantics are at best 'unverified'); " +
            "run the live suite against it (COMETAPI_PROVIDER=openai) and record the reviewed run in its profile's liveEvidence");
    }

    [Fact]
    public void A_fallback_provider_with_a_reviewed_live_run_of_its_own_is_approved()
    {
        var gate = GateFiles.Filled(_dir, fallback: "openai gpt-4o-mini", fallbackProvider: "openai");
        var openai = Profile("openai") with { LiveEvidence = [new LiveRun("nightly-42", "2026-11-30", "live", "artifacts/evidence/nightly-42", "ops")] };

        var service = ServiceEvidence.Of(gate, "cometapi", null, null, new([Profile("cometapi"), openai], null), new(Verdicts, null));

        service.Fallback.Should().Match<FallbackProvider>(f => f.Approved && f.EvidenceLevel == EvidenceLevels.Runtime && f.Reason.Contains("run nightly-42 on 2026-11-30"));
        gate.Evaluate(Green, service).Verdict.Should().Be("go");
    }

    [Fact]
    public void The_primary_passing_never_approves_the_fallback()
    {
        var gate = GateFiles.Filled(_dir, fallback: "openai", fallbackProvider: "openai");
        var cometapi = Profile("cometapi") with { LiveEvidence = [new LiveRun("nightly-42", "2026-11-30", "live", "artifacts/evidence/nightly-42", "ops")] };

        var service = ServiceEvidence.Of(gate, "cometapi", null, null, new([cometapi, Profile("openai")], null), new(Verdicts, null));

        service.Provider.LiveEvidence.Should().BeTrue();
        service.Fallback!.Approved.Should().BeFalse();
        gate.Evaluate(Green, service).Blockers.Should().ContainSingle().Which.Should().StartWith("fallback: provider 'openai' is not approved");
    }

    [Fact]
    public void A_fallback_provider_that_names_no_profile_is_a_blocker_listing_the_known_ones()
    {
        var gate = GateFiles.Filled(_dir, fallback: "azure", fallbackProvider: "azure");

        gate.Evaluate(Green, ServiceEvidence.Resolve(gate, "cometapi", null, null, RepoPaths.Root)).Blockers.Should().Equal(
            "fallback: provider 'azure' is not approved as a fallback: service.fallbackProvider 'azure' names no provider profile; known providers: cometapi, openai (contracts/launch-gate.json)");
    }

    [Theory]
    [InlineData("openai gpt-4o-mini on rate limits", false)]
    [InlineData("none", true)]
    [InlineData(" None ", true)]
    public void A_fallback_in_the_ticket_without_a_named_profile_cannot_be_checked(string fallback, bool go)
    {
        var gate = GateFiles.Filled(_dir, fallback: fallback);

        var verdict = gate.Evaluate(Green, Service("ours"));

        verdict.Verdict.Should().Be(go ? "go" : "no-go");
        if (!go) verdict.Blockers.Should().ContainSingle().Which.Should().StartWith("fallback: ticket field 'fallback' names a fallback but service.fallbackProvider names no provider profile");
    }

    [Fact]
    public void On_the_repository_defaults_the_service_adds_no_blocker_so_an_offline_run_reads_as_before()
    {
        var gate = LaunchGate.Load();
        var service = FromEnvironment([]);

        var blockers = gate.Evaluate(LaunchGateTests.Checks(EvidenceStatus.Passed, EvidenceTargets.Simulated), service).Blockers;

        service.Should().Match<ServiceEvidence>(s => s.Provider.Name == "cometapi" && s.ClientStack.Name == "ours" && s.Fallback == null);
        blockers.Should().HaveCount(gate.TicketFields.Count(f => f.Value is null) + 5, "the empty ticket fields and the five evidence categories, nothing else")
            .And.NotContain(b => b.StartsWith("provider:", StringComparison.Ordinal) || b.StartsWith("client stack:", StringComparison.Ordinal) || b.StartsWith("fallback:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bundle_carries_the_matrix_of_every_recorded_stack_and_the_error_semantics_of_every_profile()
    {
        var service = FromEnvironment([]);

        service.ClientStacks.Select(s => s.Stack).Should().Equal(Verdicts.Keys.Order(StringComparer.Ordinal));
        StackVerdictTable.Render(service.ClientStacks.Select(s => s.ToVerdict())).Should().Be(StackVerdictTable.Render(Verdicts.Values));
        ErrorSemanticsTable.Render(service.ErrorSemantics!).Should().Be(ErrorSemanticsTable.Render([Profile("cometapi"), Profile("openai")]));
    }

    private static ServiceEvidence Service(string stack) => ServiceEvidence.Resolve(LaunchGate.Load(), "cometapi", null, stack, RepoPaths.Root);

    private static ServiceEvidence FromEnvironment(Dictionary<string, string?> env)
    {
        var settings = LiveSettings.FromEnvironment(name => env.GetValueOrDefault(name));
        return ServiceEvidence.FromEnvironment(LaunchGate.Load(), settings, name => env.GetValueOrDefault(name), RepoPaths.Root);
    }

    private static ProviderProfile Profile(string name) => ContractSet.Load(RepoPaths.Contracts, name).Profile;

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
