using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Units;

/// <summary>
/// How outcomes and published records become checks: the published blocked / inconclusive status wins over xunit's
/// skipped, a failure stays failed, every failed or inconclusive check keeps its whole message (redacted, capped)
/// and the target it really ran against.
/// </summary>
public sealed class EvidenceRunTests
{
    [Theory]
    [InlineData("blocked", "skipped", "blocked")]
    [InlineData("inconclusive", "skipped", "inconclusive")]
    [InlineData("inconclusive", "passed", "inconclusive")]
    [InlineData("inconclusive", "failed", "failed")]
    [InlineData(null, "skipped", "skipped")]
    [InlineData(null, "failed", "failed")]
    public void The_published_status_wins_unless_the_test_failed(string? published, string xunit, string expected)
    {
        var check = Build(EvidenceSamples.Outcome("T.Check", "Check", "CL2", xunit, "xunit says", new EvidenceRecord { Id = "CL2.check", Status = published, Message = "seen" }));

        check.Status.Should().Be(expected);
        check.Message.Should().Be(expected == xunit && published is null || expected == "failed" ? "xunit says" : "seen");
    }

    [Fact]
    public void A_failed_live_check_keeps_its_whole_message_and_its_live_target()
    {
        var check = Build(EvidenceSamples.Outcome("T.Shape", "Shape", "CL4", EvidenceStatus.Failed, EvidenceSamples.DriftMessage.Replace("\n", "\r\n", StringComparison.Ordinal),
            new EvidenceRecord { Target = EvidenceTargets.Live }));

        check.Target.Should().Be(EvidenceTargets.Live);
        check.Message.Should().Be(EvidenceSamples.DriftMessage, "every drifted path is kept, line endings made one");
    }

    [Fact]
    public void A_long_message_is_cut_with_a_note_and_a_key_in_it_is_redacted()
    {
        var key = LeakMarkers.NewApiKey();
        var message = $"sent {key}\n" + new string('x', 10_000);

        var check = Build(EvidenceSamples.Outcome("T.Long", "Long", "CL3", EvidenceStatus.Failed, message));

        check.Message!.Should().StartWith($"sent {SecretRedactorMask}\n").And.EndWith($"… ({message.Length - key.Length + SecretRedactorMask.Length - EvidenceRun.MessageCap} more characters cut)");
        check.Message!.Length.Should().BeLessThan(EvidenceRun.MessageCap + 50);
        check.Message.Should().NotContain(key);
    }

    [Fact]
    public void A_check_started_live_that_fails_before_its_call_is_still_recorded_against_the_live_target()
    {
        var started = new EvidenceRecord { Id = "CL3.missing-key", Target = EvidenceTargets.LiveSimulated };

        var check = Build(EvidenceSamples.Outcome("T.Live", "Live", "CL3", EvidenceStatus.Failed, "boom", started));

        (check.Id, check.Target, check.Status).Should().Be(("CL3.missing-key", EvidenceTargets.LiveSimulated, EvidenceStatus.Failed));
    }

    [Fact]
    public void The_last_record_of_an_id_wins_within_a_test()
    {
        var first = new EvidenceRecord { Id = "PONG.exact-output", Target = EvidenceTargets.Live };
        var last = first with { HttpStatus = 200, Attempts = 1 };

        var check = Build(EvidenceSamples.Outcome("T.Pong", "Pong", "PONG", EvidenceStatus.Passed, null, first, last));

        (check.HttpStatus, check.Attempts).Should().Be((200, 1));
    }

    private const string SecretRedactorMask = CometApi.Reliability.SecretRedactor.Mask;

    private static EvidenceCheck Build(TestOutcome outcome) =>
        EvidenceRun.Build([outcome], EvidenceSamples.LiveSimulatedSettings(Path.GetTempPath()), LaunchGate.Load()).Checks.Single();
}
