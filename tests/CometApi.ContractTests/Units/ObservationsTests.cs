using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Units;

/// <summary>
/// Observations built from a real call on the simulator: status, media type, where the request id was found
/// (a header, inside error.message, or absent), usage present or absent, rate-limit and retry headers, duration.
/// </summary>
public sealed class ObservationsTests
{
    [OfflineFact]
    public async Task A_success_shows_its_status_media_type_request_id_header_and_usage()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: false, withFallback: false);

        var seen = Observations.From(run.Result);

        (seen.HttpStatus, seen.MediaType, seen.RequestId, seen.RequestIdFoundIn, seen.UsagePresent)
            .Should().Be((200, "application/json", "req-pong-001", "x-request-id", true));
        seen.DurationMs.Should().BeGreaterThan(0);
    }

    [OfflineFact]
    public async Task A_stream_shows_the_event_stream_media_type()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: true, withFallback: false);

        Observations.From(run.Result).MediaType.Should().Be("text/event-stream");
    }

    [OfflineFact]
    public async Task A_request_id_read_from_the_error_message_says_so_and_missing_usage_is_a_finding()
    {
        using var run = await ScenarioRun.ExecuteAsync("auth-malformed-key-401", streaming: false, withFallback: false);

        var seen = Observations.From(run.Result);

        (seen.HttpStatus, seen.RequestId, seen.RequestIdFoundIn, seen.UsagePresent)
            .Should().Be((401, "2026112408040112345678", Observations.InsideErrorMessage, false));
    }

    [OfflineFact]
    public async Task No_request_id_anywhere_is_absent()
    {
        using var run = await ScenarioRun.ExecuteAsync("html-200-on-api-path", streaming: false, withFallback: false);

        var seen = Observations.From(run.Result);

        (seen.RequestId, seen.RequestIdFoundIn, seen.MediaType).Should().Be((null, Observations.Absent, "text/html"));
    }

    [OfflineFact]
    public async Task Retry_hints_are_notable_headers()
    {
        using var run = await ScenarioRun.ExecuteAsync("rate-limit-429-short", streaming: false, withFallback: false);

        Observations.From(run.Result).NotableHeaders.Should().ContainKey("retry-after-ms").WhoseValue.Should().Be("20");
    }

    [OfflineFact]
    public async Task The_record_of_a_call_carries_its_observations_and_typed_ledger_rows()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: false, withFallback: false);

        var record = EvidenceRecord.From("PONG.exact-output", run.Result, run.World.Ledger, EvidenceTargets.Live);

        record.Observations.Should().Be(Observations.From(run.Result) with { NotableHeaders = record.Observations!.NotableHeaders });
        record.Ledger.Should().ContainSingle().Which.RequestId.Should().Be("req-pong-001");
        (record.Target, record.HttpStatus, record.PromptTokens).Should().Be((EvidenceTargets.Live, 200, 19L));
    }
}
