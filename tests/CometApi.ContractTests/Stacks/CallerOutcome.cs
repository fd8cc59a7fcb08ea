using System.ClientModel;
using System.Globalization;
using CometApi.Reliability;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// Reads what a caller got as a failure class. A stack that classifies (ours) is taken at its word; otherwise the
/// exception type, the HTTP status and the error code in the message decide, as a caller's own catch blocks would.
/// </summary>
public static class CallerOutcome
{
    public static string ClassOf(StackOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Exception is { } ex) return FromException(ex);
        if (outcome.Result is { } result) return result.Class.WireName();
        return outcome.FinishReason == "content_filter" ? "content_filter"
            : !string.IsNullOrEmpty(outcome.Refusal) ? "refusal"
            : string.IsNullOrEmpty(outcome.Text) ? "empty_output"
            : "success";
    }

    /// <summary>"answer", "ChatResult" (a classified result, not thrown), or the exception type with its status.</summary>
    public static string SurfaceOf(StackOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Exception is { } ex ? Describe(ex)
            : outcome.Result is not null ? "ChatResult"
            : "answer";
    }

    /// <summary>The caller was told the answer is incomplete: an exception, or a classified result that is not a success.</summary>
    public static bool SurfacedIncomplete(StackOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Exception is not null || outcome.Result is { IsSuccess: false };
    }

    private static string FromException(Exception ex) => ex switch
    {
        ChatCallException call => call.Result.Class.WireName(),
        AggregateException { InnerExceptions.Count: > 0 } all => FromException(all.InnerExceptions[^1]),
        ClientResultException { Status: > 0 } http => FromStatus(http.Status, http.Message),
        ClientResultException => "transport_failure",
        HttpRequestException { StatusCode: { } status } => FromStatus((int)status, ex.Message),
        IncompleteStreamException => "stream_truncated",
        OperationCanceledException or TimeoutException => "timeout",
        HttpRequestException or IOException => "transport_failure",
        System.Text.Json.JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or IndexOutOfRangeException => "unknown_shape",
        _ => "unclassified",
    };

    private static string FromStatus(int status, string message) => status switch
    {
        400 => "invalid_request",
        401 => "authentication",
        403 => "permission_denied",
        301 or 302 or 307 or 308 or 404 => "configuration",
        408 => "timeout",
        429 when message.Contains("insufficient_quota", StringComparison.Ordinal) => "quota_exhausted",
        429 => "rate_limited",
        500 when message.Contains("invalid_request", StringComparison.Ordinal) => "invalid_request",
        503 when message.Contains("model_not_found", StringComparison.Ordinal) => "configuration",
        >= 500 => "server_error",
        _ => "unknown_shape",
    };

    private static string Describe(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } all => $"AggregateException of {all.InnerExceptions.Count}, last {Describe(all.InnerExceptions[^1])}",
        ClientResultException { Status: > 0 } http => $"ClientResultException {http.Status.ToString(CultureInfo.InvariantCulture)}",
        HttpRequestException { StatusCode: { } status } => $"HttpRequestException {((int)status).ToString(CultureInfo.InvariantCulture)}",
        _ => ex.GetType().Name,
    };
}
