using CometApi.Reliability.Billing;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Parsing;
using CometApi.Reliability.Telemetry;
using Microsoft.Extensions.Logging;

namespace CometApi.Reliability.Client;

/// <summary>
/// The one writer of what a call leaves behind: attempt records, ledger rows, metrics and log lines. It writes what
/// was decided (the outcome, its retry plan, the fallback, the result) and decides nothing itself.
/// </summary>
internal sealed class CallRecorder(CometApiOptions options, ILogger logger, ChatMetrics metrics, IUsageLedger? ledger, SecretRedactor redactor)
{
    /// <summary>A finished attempt: its record on the call, its ledger row, its metrics and log lines, and a refused retry's reason.</summary>
    public void Attempt(AttemptOutcome outcome, CallScope call)
    {
        var place = outcome.Place;
        var endpoint = place.Endpoint;
        var record = outcome.ToRecord();
        call.Attempts.Add(record);
        var cls = record.Class;
        var usage = outcome.Usage;
        ledger?.Append(new LedgerRow(outcome.StartedAt, place.CallId, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, place.Streaming,
            place.RetryIndex, record.StatusCode, cls, record.RequestId, outcome.InputBytes, outcome.OutputBytes, usage?.PromptTokens, usage?.CompletionTokens, outcome.Duration));
        metrics.Attempt(endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls, record.StatusCode);
        var ms = (long)outcome.Duration.TotalMilliseconds;
        var attempt = place.RetryIndex + 1;
        if (cls == FailureClass.Timeout)
            ClientLog.Timeout(logger, attempt, endpoint.Name, outcome.Note ?? "timeout", ms, place.CallId);
        if (cls == FailureClass.Success)
            ClientLog.AttemptSucceeded(logger, attempt, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls.WireName(), record.StatusCode, record.RequestId, ms, place.CallId);
        else
            ClientLog.AttemptFailed(logger, attempt, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls.WireName(), record.StatusCode, record.RequestId, ms, record.Rule, place.CallId);
        if (outcome.Plan.Refusal is { } refusal)
            ClientLog.RetryRefused(logger, endpoint.Name, cls.WireName(), refusal, place.CallId);
    }

    /// <summary>The retry pipeline is about to wait <paramref name="delay"/> and retry (its OnRetry hook).</summary>
    public void Retrying(AttemptOutcome outcome, TimeSpan delay, int retry)
    {
        var provider = outcome.Place.Endpoint.Name;
        metrics.Retry(provider, outcome.Class);
        ClientLog.RetryScheduled(logger, provider, outcome.Class.WireName(), (long)delay.TotalMilliseconds, retry, options.Retry.MaxRetries, outcome.Place.CallId);
    }

    public void FallingBack(ProviderEndpoint from, ProviderEndpoint to, FailureClass reason, CallScope call)
    {
        metrics.Fallback(from.Name, to.Name, reason);
        ClientLog.FallbackStarted(logger, from.Name, to.Name, reason.WireName(), call.Id);
    }

    /// <summary>The request's content, only when LogContent is on.</summary>
    public void Requested(ChatCompletionRequest request, CallScope call)
    {
        if (options.LogContent)
            ClientLog.RequestContent(logger, call.Id, redactor.Redact(string.Join(" | ", request.Messages?.Select(m => $"{m?.Role}: {m?.Content}") ?? [])));
    }

    public void Rejected(ChatResult result, ProviderEndpoint primary, CallScope call)
    {
        ClientLog.RequestRejected(logger, call.Id, string.Join("; ", result.ValidationErrors));
        metrics.Call(primary.Name, primary.LogEndpoint, primary.Model, result.Class, call.Elapsed, null);
    }

    /// <summary>The call's metrics, its answer's content (only with LogContent on), and its closing log line.</summary>
    public void Finished(ChatResult result, ProviderEndpoint endpoint, CallScope call) // endpoint: whose answer or failure ends the call
    {
        metrics.Call(endpoint.Name, endpoint.LogEndpoint, endpoint.Model, result.Class, call.Elapsed, result.Usage, answeredByFallback: result.FallbackUsed);
        if (options.LogContent && result.Text is not null)
            ClientLog.ResponseContent(logger, call.Id, redactor.Redact(result.Text));
        ClientLog.CallFinished(logger, call.Id, result.Class.WireName(), result.AnsweredBy, result.Attempts.Count, (long)call.Elapsed.TotalMilliseconds, result.OperatorAction);
    }
}
