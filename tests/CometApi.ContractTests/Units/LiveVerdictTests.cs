using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Units;

/// <summary>
/// LiveVerdict: a live check that is blocked or inconclusive publishes that status with its reason, and ends as
/// not run (the exception a [LiveFact] reports as skipped); the evidence then says blocked / inconclusive.
/// </summary>
public sealed class LiveVerdictTests
{
    [Fact]
    public async Task Blocked_publishes_the_blocking_check_and_reason_and_returns_the_not_run_exception()
    {
        LiveCheckNotRunException? thrown = null;

        var records = await Capture(() => thrown = LiveVerdict.Blocked("CL3.missing-key", by: "CL2.minimal-request", "the configured endpoint answers 404"));

        thrown!.Message.Should().Be("blocked by CL2.minimal-request: the configured endpoint answers 404");
        records.Should().ContainSingle().Which.Should().BeEquivalentTo(new EvidenceRecord
        {
            Id = "CL3.missing-key", Target = LiveVerdict.Target, Status = EvidenceStatus.Blocked,
            BlockedBy = "CL2.minimal-request", Message = "the configured endpoint answers 404",
        });
    }

    [Fact]
    public async Task Inconclusive_keeps_what_was_seen_and_the_call_record()
    {
        var call = new EvidenceRecord { Target = EvidenceTargets.LiveSimulated, HttpStatus = 400, FailureClass = "invalid_request" };

        var records = await Capture(() => LiveVerdict.Inconclusive("CL2.unknown-model", "400 without naming the model", call));

        var record = records.Should().ContainSingle().Subject;
        (record.Id, record.Status, record.Message, record.HttpStatus, record.Target)
            .Should().Be(("CL2.unknown-model", EvidenceStatus.Inconclusive, "400 without naming the model", 400, EvidenceTargets.LiveSimulated));
    }

    [Fact]
    public void The_evidence_of_a_blocked_check_that_ends_skipped_says_blocked()
    {
        var outcome = Infrastructure.EvidenceSamples.Outcome("T.Blocked", "Blocked", "CL3", EvidenceStatus.Skipped, "blocked by CL2.minimal-request: 404",
            new EvidenceRecord { Id = "CL3.missing-key", Target = EvidenceTargets.Live, Status = EvidenceStatus.Blocked, BlockedBy = "CL2.minimal-request", Message = "404" });

        var check = EvidenceRun.Build([outcome], Infrastructure.EvidenceSamples.LiveSimulatedSettings(Path.GetTempPath()), LaunchGate.Load()).Checks.Single();

        (check.Status, check.BlockedBy, check.Message, check.Target).Should().Be((EvidenceStatus.Blocked, "CL2.minimal-request", "404", EvidenceTargets.Live));
    }

    /// <summary>Runs <paramref name="body"/> in a scope of its own (not this test's), returning what it published.</summary>
    private static async Task<IReadOnlyList<EvidenceRecord>> Capture(Action body)
    {
        var scopes = new EvidenceScopes();
        var key = new EvidenceKey("probe", "probe");
        await Task.Run(() =>
        {
            scopes.Open(key);
            body();
        });
        return scopes.Take(key);
    }
}
