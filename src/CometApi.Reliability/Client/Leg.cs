namespace CometApi.Reliability.Client;

/// <summary>
/// One provider's share of a call (the primary's, or the fallback's): what it sends, and the place of its next
/// attempt, which follows from its last finished one (retry index one up, the backoff that attempt planned).
/// </summary>
internal sealed class Leg(ProviderEndpoint endpoint, byte[] body, bool streaming, CallScope call)
{
    private AttemptOutcome? _last;

    public ProviderEndpoint Endpoint { get; } = endpoint;
    public byte[] Body { get; } = body;
    public bool Streaming { get; } = streaming;
    public CallScope Call { get; } = call;

    public AttemptPlace Next() => new(Endpoint, Call.Id, Call.Deadline, Streaming,
        _last is null ? 0 : _last.Place.RetryIndex + 1, _last?.Plan.Delay);

    /// <summary>Called once per finished attempt, after it was recorded.</summary>
    public void Finished(AttemptOutcome outcome) => _last = outcome;
}
