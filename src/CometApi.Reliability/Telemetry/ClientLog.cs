using Microsoft.Extensions.Logging;

namespace CometApi.Reliability.Telemetry;

/// <summary>
/// Every log line the client writes. None takes the key, a header value or message content, except the two
/// Content* events, which the client only calls when <c>LogContent</c> is explicitly on.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Attempt {Attempt} to {Provider} {Endpoint} model {Model}: {Class}, status {Status}, request id {RequestId}, {DurationMs} ms, call {CallId}")]
    public static partial void AttemptSucceeded(ILogger logger, int attempt, string provider, string endpoint, string model, string @class, int? status, string? requestId, long durationMs, string callId);

    [LoggerMessage(2, LogLevel.Warning, "Attempt {Attempt} to {Provider} {Endpoint} model {Model}: {Class}, status {Status}, request id {RequestId}, {DurationMs} ms, rule '{Rule}', call {CallId}")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string provider, string endpoint, string model, string @class, int? status, string? requestId, long durationMs, string rule, string callId);

    [LoggerMessage(3, LogLevel.Warning, "Timeout on attempt {Attempt} to {Provider}: {Kind} after {DurationMs} ms, call {CallId}")]
    public static partial void Timeout(ILogger logger, int attempt, string provider, string kind, long durationMs, string callId);

    [LoggerMessage(4, LogLevel.Information, "Retrying {Provider} after {Class} in {DelayMs} ms (retry {Retry} of {MaxRetries}), call {CallId}")]
    public static partial void RetryScheduled(ILogger logger, string provider, string @class, long delayMs, int retry, int maxRetries, string callId);

    [LoggerMessage(5, LogLevel.Warning, "Not retrying {Provider} after {Class}: {Reason}, call {CallId}")]
    public static partial void RetryRefused(ILogger logger, string provider, string @class, string reason, string callId);

    [LoggerMessage(6, LogLevel.Warning, "Falling back from {From} to {To} after {Class}, call {CallId}")]
    public static partial void FallbackStarted(ILogger logger, string from, string to, string @class, string callId);

    [LoggerMessage(7, LogLevel.Information, "Call {CallId} finished: {Class} answered by {Provider} after {Attempts} attempt(s), {DurationMs} ms; operator action: {Action}")]
    public static partial void CallFinished(ILogger logger, string callId, string @class, string? provider, int attempts, long durationMs, string action);

    [LoggerMessage(8, LogLevel.Warning, "Call {CallId} refused before sending: invalid request ({Errors})")]
    public static partial void RequestRejected(ILogger logger, string callId, string errors);

    [LoggerMessage(9, LogLevel.Debug, "Call {CallId} request content (LogContent is on): {Content}")]
    public static partial void RequestContent(ILogger logger, string callId, string content);

    [LoggerMessage(10, LogLevel.Debug, "Call {CallId} response content (LogContent is on): {Content}")]
    public static partial void ResponseContent(ILogger logger, string callId, string content);
}
