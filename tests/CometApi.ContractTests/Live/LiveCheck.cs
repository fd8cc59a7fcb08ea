using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Billing;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;

namespace CometApi.ContractTests.Live;

/// <summary>
/// One live check: a budgeted client on the live target, its captured logs and ledger, and the assertions
/// every live answer must pass (the offline scenario assertions, minus what only a simulator can know).
/// </summary>
public sealed class LiveCheck : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private LiveCheck(LiveSession session, string id)
    {
        Session = session;
        Id = id;
        _owned.Add(Logs);
    }

    public LiveSession Session { get; }
    public string Id { get; }
    public LogCapture Logs { get; } = new();
    public InMemoryUsageLedger Ledger { get; } = new();

    /// <summary>
    /// Starts a check that may spend <paramref name="requests"/> live requests (skips it when it may not), and publishes
    /// its first evidence record, so even a check that fails before its call is recorded against the live target.
    /// </summary>
    public static LiveCheck Start(string id, int requests = 1)
    {
        var check = new LiveCheck(LiveSession.Require(requests), id);
        EvidenceChannel.Publish(new EvidenceRecord { Id = id, Target = check.Session.Target });
        return check;
    }

    /// <summary>The evidence record of a call of this check: class, status, request ids, ledger rows and observations.</summary>
    public EvidenceRecord Record(ChatResult result) => EvidenceRecord.From(Id, result, Ledger, Session.Target);

    /// <summary>Ends the check as inconclusive with what it saw (see <see cref="LiveVerdict"/>); throw what it returns.</summary>
    public LiveCheckNotRunException Inconclusive(string seen, ChatResult? result = null) =>
        LiveVerdict.Inconclusive(Id, seen, result is null ? new EvidenceRecord { Target = Session.Target } : Record(result));

    public CometApiChatClient Client(Action<CometApiOptions>? configure = null)
    {
        var client = Session.CreateClient(Logs, Ledger, configure);
        _owned.Add(client);
        return client;
    }

    /// <summary>The PONG call on the live target, within the token cap.</summary>
    public Task<ChatResult> CallAsync(CometApiChatClient client, bool streaming, List<string>? deltas = null) =>
        client.CallAsync(streaming, deltas, Session.PongRequest());

    /// <summary>Publishes the evidence record (with its observations), then asserts the class and what every live answer must show.</summary>
    public void ShouldEndIn(ChatResult result, FailureClass expected)
    {
        EvidenceChannel.Publish(Record(result));
        if (expected == FailureClass.Success && result.Class is FailureClass.Authentication or FailureClass.PermissionDenied)
            Session.Stop($"live checks stopped: the valid key was refused ({result.Class.WireName()}, request id {result.RequestId}); fix the key before spending more requests");

        result.Class.Should().Be(expected, $"live check {Id}: {result.OperatorAction}");
        result.FallbackUsed.Should().BeFalse();
        result.Attempts.Should().HaveCountLessThanOrEqualTo(1, "live checks never retry");
        Ledger.Rows.Should().HaveCount(result.Attempts.Count, "the ledger holds one row per attempt");
        result.OperatorAction.Should().Be(TestContracts.Policy.For(result.Class).OperatorAction);
        if (result.Attempts.Count == 1 && result.Metadata.StatusCode is not null)
            result.RequestId.Should().NotBeNullOrEmpty("the provider's request id is kept for support");
        Logs.ShouldNotContain(Session.ApiKey, LeakMarkers.PromptMarker);
        if (Session.RevokedKey is { } revoked) Logs.ShouldNotContain(revoked);
    }

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
    }
}
