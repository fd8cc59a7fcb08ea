using CometApi.DefectProvider;
using CometApi.Live.Checks;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Live;

/// <summary>The evidence record a [LiveFact] publishes for its check's result: status, whole message, observations.</summary>
public sealed class LiveCheckReportTests
{
    [Fact]
    public async Task A_failed_check_keeps_its_whole_message_and_the_calls_observations_with_the_request_id_absent()
    {
        var (results, server) = await RunAsync(Defect.NoUsage);
        await using var _ = server;
        var usage = results["CL7.usage-reported"];

        var record = LiveCheckReport.Record(usage, EvidenceTargets.Live, ["x-request-id"]);

        record.Status.Should().BeNull("xunit's failed outcome says it");
        record.Message.Should().Be(usage.Message).And.Contain("reports no usage");
        record.FailureClass.Should().Be("success");
        record.Observations!.UsagePresent.Should().BeFalse();
        record.Observations.RequestIdFoundIn.Should().Be("x-request-id");
        record.Ledger.Should().ContainSingle();
    }

    [Fact]
    public async Task A_blocked_check_names_the_blocking_check_and_a_raw_answer_gives_observations()
    {
        var (blockedRun, wrongPath) = await RunAsync(Defect.WrongBasePath);
        await using var _ = wrongPath;
        var (healthyRun, healthy) = await RunAsync(Defect.MissingRequestId);
        await using var __ = healthy;

        var blocked = LiveCheckReport.Record(blockedRun["CL3.missing-key"], EvidenceTargets.Live, ["x-request-id"]);
        var models = LiveCheckReport.Record(healthyRun["CT.models-list"], EvidenceTargets.LiveSimulated, ["x-request-id"]);

        blocked.Status.Should().Be(EvidenceStatus.Blocked);
        blocked.BlockedBy.Should().Be("CL2.minimal-request");
        blocked.Message.Should().StartWith("CL2.minimal-request failed (configuration)").And.Contain("HTTP 404");
        blocked.Attempts.Should().Be(0);
        models.Target.Should().Be(EvidenceTargets.LiveSimulated);
        models.HttpStatus.Should().Be(200);
        models.Observations!.RequestIdFoundIn.Should().Be(Observations.Absent);
        models.Observations.NotableHeaders.Should().ContainKey("x-ratelimit-remaining-requests");
        models.Message.Should().BeNull("a passed check needs no message");
    }

    private static async Task<(IReadOnlyDictionary<string, LiveCheckResult>, DefectProviderServer)> RunAsync(Defect defect)
    {
        var server = await DefectProviderServer.StartAsync(defect);
        var session = LiveSession.Open(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, DefectProviderServer.RevokedKey,
            new LiveSettings { Enabled = true, RunId = "report", EvidenceDir = Path.GetTempPath(), Budget = 64 }, TestContracts.Set, new FakeTimeProvider());
        return (await LiveCheckRuns.Of(session).ResultsAsync(), server);
    }
}
