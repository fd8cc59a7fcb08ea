using CometApi.Live.Checks;
using CometApi.Reliability.Billing;
using Xunit.Sdk;

namespace CometApi.ContractTests.Live;

/// <summary>
/// What a [LiveFact] does with its check's result from the session's one run of the catalog: publish it as the
/// check's evidence record (status, whole message, observations) and end the test accordingly: passed; failed with
/// the whole message; blocked or inconclusive through <see cref="LiveVerdict"/>; not run as a skip.
/// </summary>
public static class LiveCheckReport
{
    public static async Task ReportAsync(string id)
    {
        var session = LiveSession.Shared;
        var result = await LiveCheckRuns.Of(session).ResultAsync(id);
        var record = Record(result, session.Target, session.Contracts.Profile.RequestIdHeaders.Value);
        switch (result.Status)
        {
            case LiveCheckStatus.Passed:
                EvidenceChannel.Publish(record);
                return;
            case LiveCheckStatus.Blocked:
                throw LiveVerdict.Blocked(id, result.BlockedBy ?? "?", result.Message);
            case LiveCheckStatus.Inconclusive:
                throw LiveVerdict.Inconclusive(id, result.Message, record);
            case LiveCheckStatus.NotRun:
                EvidenceChannel.Publish(record);
                throw new LiveCheckNotRunException(result.Message);
            default:
                EvidenceChannel.Publish(record);
                throw new XunitException(result.Message);
        }
    }

    /// <summary>The evidence record of a check's result: the call's class, status and observations, or the raw answer's.</summary>
    public static EvidenceRecord Record(LiveCheckResult result, string target, IEnumerable<string> requestIdHeaders)
    {
        ArgumentNullException.ThrowIfNull(result);
        var record = result.Call is { } call
            ? EvidenceRecord.From(result.Id, call, new InMemoryUsageLedger(), target) with { Ledger = result.Ledger }
            : new EvidenceRecord { Id = result.Id, Target = target };
        if (result.Call is null && result.Raw is { } raw)
        {
            var seen = Observations.From(raw.StatusCode, raw.MediaType, raw.Headers, raw.Duration, requestIdHeaders);
            record = record with
            {
                HttpStatus = seen.HttpStatus,
                Attempts = 1,
                DurationMs = seen.DurationMs ?? 0,
                RequestIds = seen.RequestId is { } requestId ? [requestId] : [],
                Observations = seen,
            };
        }

        return record with
        {
            Status = result.Status switch
            {
                LiveCheckStatus.Blocked => EvidenceStatus.Blocked,
                LiveCheckStatus.Inconclusive => EvidenceStatus.Inconclusive,
                _ => null, // passed, failed and not run: xunit's own outcome says it
            },
            BlockedBy = result.BlockedBy,
            Message = result.Status == LiveCheckStatus.Passed ? null : result.Message,
        };
    }
}
