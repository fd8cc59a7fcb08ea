using CometApi.Reliability;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Contracts;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// A fixed set of test outcomes, as the evidence sink would collect them from a live-simulated run: a live pass,
/// a live failure with a multi-line message, a blocked and an inconclusive check, a drifted live shape, two rows
/// of one scenario theory publishing the same id, a skip and an offline pass with its ledger row.
/// </summary>
internal static class EvidenceSamples
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static readonly string DriftMessage = string.Join('\n',
        "shape of chat-completions non-streaming success-pong drifted from snapshots/chat-completions/non-streaming/success-pong.snap:",
        "  - $.choices[].message.content: string",
        "  + $.choices[].message.content: string | null",
        "  + $.system_fingerprint: string",
        "received shape written to snapshots/chat-completions/non-streaming/success-pong.received.snap");

    public static IReadOnlyList<TestOutcome> Outcomes(string key)
    {
        var live = EvidenceTargets.LiveSimulated;
        return
        [
            Outcome("PongTests.Live_pong", "Live_pong", "PONG", EvidenceStatus.Passed, null,
                Record("PONG.exact-output", live, 200, "req-pong-001", usage: true, contentType: "application/json",
                    headers: new() { ["x-request-id"] = "req-pong-001", ["x-ratelimit-remaining-requests"] = "99" })),
            Outcome("AuthenticationTests.Live_missing_key", "Live_missing_key", "CL3", EvidenceStatus.Failed,
                $"Expected result.Class to be Authentication because live check CL3.missing-key: fix the base URL | check {key},\nbut found Configuration.\nExpected result.RequestId not to be <null>.",
                Record("CL3.missing-key", live, 404, null, usage: false, contentType: "text/html; charset=utf-8", failureClass: "configuration")),
            Outcome("AuthenticationTests.Live_malformed_key", "Live_malformed_key", "CL3", EvidenceStatus.Skipped, "blocked by CL2.minimal-request: the configured endpoint answers 404",
                new EvidenceRecord { Id = "CL3.malformed-key", Target = live, Status = EvidenceStatus.Blocked, BlockedBy = "CL2.minimal-request", Message = "the configured endpoint answers 404 (text/html)" }),
            Outcome("EndpointContractTests.Live_unknown_model", "Live_unknown_model", "CL2", EvidenceStatus.Skipped, "inconclusive: ...",
                Record("CL2.unknown-model", live, 400, "req-400-001", usage: false, contentType: "application/json", failureClass: "invalid_request")
                    with { Status = EvidenceStatus.Inconclusive, Message = "400 invalid_request without naming the model:\n{\"error\":{\"message\":\"bad request\",\"param\":null}}" }),
            Outcome("ShapeSnapshotTests.The_response_shape_matches_its_reviewed_snapshot(endpoint: \"chat-completions\", mode: \"non-streaming\", scenario: \"success-pong\")",
                "The_response_shape_matches_its_reviewed_snapshot", "CL4", EvidenceStatus.Failed, DriftMessage,
                new EvidenceRecord { Target = live, HttpStatus = 200, Attempts = 1, DurationMs = 31, Observations = new Observations { HttpStatus = 200, MediaType = "application/json", RequestIdFoundIn = Observations.Absent, DurationMs = 31 } }),
            Outcome("FallbackTests.Each_class_falls_back_as_the_table_says(scenario: \"server-500\", streaming: False, withFallback: True)",
                "Each_class_falls_back_as_the_table_says", "CL6", EvidenceStatus.Passed, null,
                Record("CL6.server-500.non-streaming", EvidenceTargets.Simulated, 500, "req-500-a", usage: false, contentType: "application/json", failureClass: "server_error")),
            Outcome("FallbackTests.Each_class_falls_back_as_the_table_says(scenario: \"server-500\", streaming: False, withFallback: False)",
                "Each_class_falls_back_as_the_table_says", "CL6", EvidenceStatus.Passed, null,
                Record("CL6.server-500.non-streaming", EvidenceTargets.Simulated, 500, "req-500-b", usage: false, contentType: "application/json", failureClass: "server_error")),
            Outcome("TimeoutRetryCancellationTests.Live_client_timeout", "Live_client_timeout", "CL5", EvidenceStatus.Skipped, "live check: set COMETAPI_LIVE=1 to run it"),
            Outcome("UsageTests.Every_attempt_is_a_ledger_row", "Every_attempt_is_a_ledger_row", "CL7", EvidenceStatus.Passed, null,
                Record("CL7.ledger-rows", EvidenceTargets.Simulated, 200, "req-usage-001", usage: true, contentType: "application/json") with
                {
                    PromptTokens = 19, CompletionTokens = 1,
                    Ledger = [new LedgerRow(GeneratedAt, "call-1", "cometapi", "https://sim.invalid/v1/chat/completions", "gpt-4o-mini", false, 0, 200, FailureClass.Success, "req-usage-001", 120, 340, 19, 1, TimeSpan.FromMilliseconds(12))],
                }),
        ];
    }

    public static TestOutcome Outcome(string displayName, string method, string checklist, string status, string? message, params EvidenceRecord[] records) =>
        new(new EvidenceKey("case:" + displayName, displayName), method, checklist, status, message, 7, records);

    public static EvidenceRecord Record(string id, string target, int status, string? requestId, bool usage, string contentType,
        string failureClass = "success", Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        var observations = new Observations
        {
            HttpStatus = status,
            MediaType = contentType.Split(';')[0],
            RequestId = requestId,
            RequestIdFoundIn = requestId is null ? Observations.Absent : headers.ContainsKey("x-request-id") ? "x-request-id" : Observations.InsideErrorMessage,
            UsagePresent = usage,
            NotableHeaders = new SortedDictionary<string, string>(headers.Where(h => h.Key.StartsWith("x-ratelimit", StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal),
            DurationMs = 42,
        };
        return new EvidenceRecord
        {
            Id = id, Target = target, FailureClass = failureClass, HttpStatus = status, RequestIds = requestId is null ? [] : [requestId],
            Attempts = 1, DurationMs = 42, Observations = observations,
        };
    }

    /// <summary>The run settings of a live-simulated run with a fixed id.</summary>
    public static LiveSettings LiveSimulatedSettings(string evidenceDir) => new()
    {
        Enabled = true, Simulate = true, RunId = "ticket-sample", EvidenceDir = evidenceDir, Model = "gpt-4o-mini", Budget = 16,
    };

    /// <summary>
    /// A fixed service (not read from contracts/clients or the profiles, so re-recording a stack does not change the
    /// reviewed ticket): CometAPI through a stack that violates two rules, and a fallback provider without live evidence.
    /// </summary>
    public static ServiceEvidence Service() => new(
        new ProviderInUse("cometapi", "CometAPI", "unverified", false, null),
        new ClientStackInUse("openai-sdk-default", null),
        new FallbackProvider("openai", false, "unverified",
            "openai: no live evidence of its own (its error semantics are at best 'unverified'); run the live suite against it (COMETAPI_PROVIDER=openai) and record the reviewed run in its profile's liveEvidence"),
        [
            Stack("openai-sdk-default",
                ("one-retry-transient-only", "rate-limit-429-short json: 4 attempts for rate_limited"),
                ("no-retry-contract-errors", "quota-429-insufficient json: 4 attempts for quota_exhausted")),
            Stack("ours"),
        ],
        new ErrorSemanticsGrid(
            [new ErrorSemanticsColumn("cometapi", "CometAPI"), new ErrorSemanticsColumn("openai", "OpenAI")],
            [
                new ErrorSemanticsRow("malformed request", ["500, type `comet_api_error`, code `invalid_request` (D)", "400, type `invalid_request_error` (I)"], false),
                new ErrorSemanticsRow("rate limit", ["429, type `comet_api_error` (D)", "429 (D)"], true),
                new ErrorSemanticsRow("live evidence of its own", ["none: not approved as a fallback", "none: not approved as a fallback"], null),
            ]));

    /// <summary>One stack's verdicts: every rule holds but the violated ones given with their evidence.</summary>
    public static StackVerdictEvidence Stack(string stack, params (string Rule, string Evidence)[] violated) =>
        new(stack, StackRule.All.Select(r => violated.FirstOrDefault(v => v.Rule == r.Id) is { Rule: not null } v
            ? new RuleVerdictEvidence(r.Id, r.Title, false, v.Evidence)
            : new RuleVerdictEvidence(r.Id, r.Title, true, null)).ToList());

    /// <summary>The fixed bundle: built by the real builder, its clock, target and service pinned.</summary>
    public static EvidenceBundle Bundle(string key, LaunchGate gate, string evidenceDir) =>
        EvidenceRun.Build(Outcomes(key), LiveSimulatedSettings(evidenceDir), gate, GeneratedAt, Service()) with
        {
            Target = new EvidenceTarget(EvidenceTargets.LiveSimulated, "http://127.0.0.1:5099/v1", "gpt-4o-mini", 16, 5),
        };
}
