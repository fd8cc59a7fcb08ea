using System.Globalization;
using System.Net;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// Reads what the Node SDK gave its caller as a failure class, through the same rules as the .NET stacks
/// (<see cref="CallerOutcome"/>): each Node error is put as the .NET exception a caller's catch block would treat
/// alike (a status error as <see cref="HttpRequestException"/> with that status and code, a connection error as
/// <see cref="IOException"/>, a timeout as <see cref="TimeoutException"/>, a parse error as a JSON error).
/// </summary>
public static class NodeOutcome
{
    public static StackCase ToCase(NodeCaseResult result, Scenario scenario, bool streaming, int attempts, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenario);
        var hung = result.WatchdogFired;
        var outcome = AsStackOutcome(result);
        return new StackCase
        {
            Scenario = scenario.Name,
            Mode = StackMatrix.Mode(streaming),
            Attempts = attempts,
            Delays = result.DelaysMs.Select(ms => DelayBounds.Of(TimeSpan.FromMilliseconds(ms))).ToList(),
            Outcome = hung ? StackCase.Hung : ClassOf(result, outcome),
            Surface = hung ? "no outcome before the watchdog" : SurfaceOf(result),
            WithinDeadline = !hung && TimeSpan.FromMilliseconds(result.ElapsedMs) <= deadline,
            TruncationSurfaced = scenario.ExpectFor(streaming).Class == "stream_truncated" ? !hung && result.Error is not null : null,
            KeyInException = result.KeyInError,
        };
    }

    /// <summary>
    /// "answer" (saying when it was not a chat completion or a stream of no chunks: the SDK raised nothing), or the
    /// Node error class with its status ("RateLimitError 429", "TypeError").
    /// </summary>
    public static string SurfaceOf(NodeCaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Error is { } error
            ? error.Status is { } status ? $"{error.Name} {status.ToString(CultureInfo.InvariantCulture)}" : error.Name
            : result.Answer?.NotACompletion is { } kind ? $"answer ({kind}, not a chat completion)"
            : result.Answer?.Chunks == 0 ? "answer (no chunks)"
            : "answer";
    }

    private static string ClassOf(NodeCaseResult result, StackOutcome outcome) =>
        // An error the server put inside a 200 stream: the SDK throws a bare APIError (no status) carrying it. No .NET
        // stack here surfaces that, so it has no CallerOutcome rule: the caller got a server's error, not an answer.
        result.Error is { Name: "APIError", Status: null } ? "server_error" : CallerOutcome.ClassOf(outcome);

    private static StackOutcome AsStackOutcome(NodeCaseResult result) => result.Error is { } error
        ? new StackOutcome { Exception = AsException(error), Deltas = result.Deltas }
        : new StackOutcome { Text = result.Answer?.Text, Refusal = result.Answer?.Refusal, FinishReason = result.Answer?.FinishReason, Deltas = result.Deltas };

    private static Exception AsException(NodeError error)
    {
        var message = $"{error.Message} (code {error.Code}, type {error.Type})";
        return error switch
        {
            { Status: { } status } => new HttpRequestException(message, null, (HttpStatusCode)status),
            { Name: "APIConnectionTimeoutError" } => new TimeoutException(message),
            { Name: "APIUserAbortError" } => new OperationCanceledException(message),
            // A connection refused or reset before the answer (APIConnectionError), or cut mid-stream (undici's TypeError "terminated").
            { Name: "APIConnectionError" } or { Name: "TypeError", Cause: not null } => new IOException(message),
            { Name: "SyntaxError" } => new System.Text.Json.JsonException(message),
            { Name: "OpenAIError" } => new InvalidOperationException(message),
            _ => new NotSupportedException($"{error.Name}: {message}"),
        };
    }
}
