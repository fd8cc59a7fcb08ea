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
        var (results, server, _) = await RunAsync(Defect.NoUsage);
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
        var (blockedRun, wrongPath, _) = await RunAsync(Defect.WrongBasePath);
        await using var _ = wrongPath;
        var (healthyRun, healthy, _) = await RunAsync(Defect.MissingRequestId);
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

    [Theory]
    [InlineData(Defect.WrongBasePath, true)]
    [InlineData(Defect.ErrorBodyOn200, false)]
    public async Task The_endpoint_gate_blocks_live_captures_only_when_the_endpoint_or_key_is_wrong(Defect defect, bool blocks)
    {
        var (_, server, session) = await RunAsync(defect);
        await using var __ = server;

        // In a probe scope of its own: the blocked record must not land in this test's evidence.
        var scopes = new EvidenceScopes();
        var probe = new EvidenceKey("gate-probe", defect.ToString());
        var thrown = await Task.Run(async () =>
        {
            scopes.Open(probe);
            try
            {
                await LiveEndpointGate.RequireWorkingEndpointAsync(session);
                return null;
            }
            catch (LiveCheckNotRunException e)
            {
                return e;
            }
        });
        var records = scopes.Take(probe);

        if (blocks)
        {
            thrown!.Message.Should().Match("blocked by CL2.minimal-request: CL2.minimal-request failed (configuration)*HTTP 404*");
            records.Should().ContainSingle().Which.Should().Match<EvidenceRecord>(r => r.Status == EvidenceStatus.Blocked && r.BlockedBy == "CL2.minimal-request" && r.Id == null);
        }
        else
        {
            thrown.Should().BeNull("a refusal or an error body on 200 leaves the endpoint usable for captures");
            records.Should().BeEmpty();
        }
    }

    private static async Task<(IReadOnlyDictionary<string, LiveCheckResult>, DefectProviderServer, LiveSession)> RunAsync(Defect defect)
    {
        var server = await DefectProviderServer.StartAsync(defect);
        var session = LiveSession.Open(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, DefectProviderServer.RevokedKey,
            new LiveSettings { Enabled = true, RunId = "report", EvidenceDir = Path.GetTempPath(), Budget = 64 }, TestContracts.Set, new FakeTimeProvider());
        return (await LiveCheckRuns.Of(session).ResultsAsync(), server, session);
    }
}
