using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Client;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Units;

/// <summary>Attempt values for the unit tests of the attempt path, made the way the client makes them.</summary>
internal static class AttemptFakes
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ProviderEndpoint Endpoint { get; } = new("cometapi", new Uri("http://127.0.0.1:9/v1/chat/completions"), "sk-unit", "gpt-5.4-mini");

    /// <summary>The first attempt of a call whose deadline is <paramref name="left"/> away from <see cref="Start"/>.</summary>
    public static AttemptPlace Place(TimeSpan left, int retryIndex = 0) =>
        new(Endpoint, "call-1", Start + left, Streaming: false, retryIndex, BackoffBefore: null);

    public static PolicyDecision Decision(FailureClass cls) => new(cls, "unit rule", TestContracts.Policy.For(cls));

    public static AttemptObservation Seen(int status, string? note = null) =>
        new(new ResponseSignals { Status = status }, Start, TimeSpan.FromMilliseconds(5), ResponseMetadata.None) { Note = note };

    public static AttemptOutcome Outcome(RetryPlan plan, FailureClass cls = FailureClass.ServerError, int retryIndex = 0) =>
        new(Seen(503), Place(TimeSpan.FromSeconds(30), retryIndex), Decision(cls), ResponseMetadata.None, plan);
}
