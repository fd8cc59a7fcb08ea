using CometApi.Live.Support;
using CometApi.Reliability;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;

namespace CometApi.Live.Checks;

/// <summary>
/// What one live check works with: the session, its own captured logs and ledger, clients on the live target, and
/// the verdicts it can give (each built with the whole message and what it saw).
/// </summary>
public sealed class LiveCheckContext(LiveCheckDefinition definition, LiveSession session) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public LiveCheckDefinition Definition { get; } = definition;
    public LiveSession Session { get; } = session;
    public string Id => Definition.Id;
    public LogCapture Logs { get; } = new();
    public InMemoryUsageLedger Ledger { get; } = new();

    /// <summary>A client on the live target (no retries, budgeted transport); the context disposes it.</summary>
    public CometApiChatClient Client(Action<CometApiOptions>? configure = null, TimeProvider? time = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapTransport = null)
    {
        var client = Session.CreateClient(Logs, Ledger, configure, time, wrapTransport);
        _owned.Add(client);
        return client;
    }

    public LiveCheckResult Pass(ChatResult? call, string message) => Verdict(LiveCheckStatus.Passed, null, message, call);

    public LiveCheckResult Fail(string cause, string message, ChatResult? call = null, RawAnswer? raw = null) =>
        Verdict(LiveCheckStatus.Failed, cause, message, call, raw);

    public LiveCheckResult Inconclusive(string message, ChatResult? call = null) =>
        Verdict(LiveCheckStatus.Inconclusive, null, message, call);

    /// <summary>The class the pass condition asks for: passed, or failed with the class found as the cause.</summary>
    public LiveCheckResult Expect(ChatResult call, FailureClass expected, string passed)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Class == expected && !call.FallbackUsed) return Pass(call, passed);
        var cause = call.Class.WireName();
        // A 2xx where an error was expected means the provider took the request: say that first, the class second.
        var accepted = call.Metadata.StatusCode is >= 200 and < 300 ? $"the provider accepted the request (HTTP {call.Metadata.StatusCode}); " : "";
        return Fail(cause, $"{Id}: {accepted}expected {expected.WireName()}, found {Describe(call)}" + (call.FallbackUsed ? "; the call fell back" : ""), call);
    }

    public LiveCheckResult Verdict(LiveCheckStatus status, string? cause, string message, ChatResult? call, RawAnswer? raw = null) => new()
    {
        Id = Id,
        Status = status,
        Cause = cause,
        Message = SecretRegistry.Redact(message),
        Call = call,
        Ledger = Ledger.Rows,
        Raw = raw,
    };

    /// <summary>What the operator needs to see of a call: class, status, media type, the rule that decided, request id, action, body.</summary>
    public static string Describe(ChatResult call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var m = call.Metadata;
        var media = m.Headers.TryGetValue("content-type", out var type) ? type : "no content type";
        var status = m.StatusCode is { } s ? $"HTTP {s}" : call.Attempts.Count == 0 ? "nothing sent" : "no HTTP status";
        return $"{call.Class.WireName()} ({status}, {media}, rule '{call.Rule}', request id {call.RequestId ?? "absent"}); operator action: {call.OperatorAction}"
               + (m.BodyExcerpt is { Length: > 0 } body ? $"; body: {body}" : "");
    }

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
        Logs.Dispose();
    }
}
