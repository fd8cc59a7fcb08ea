using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// One finished attempt, judged once (<see cref="AttemptJudge"/>) and never changed afterwards: what it showed, the
/// class the policy gave it, what happens next (<see cref="Plan"/>), and the note that says why. The recorder writes
/// it out as an <see cref="AttemptRecord"/>, a ledger row, metrics and log lines.
/// </summary>
internal sealed class AttemptOutcome(in AttemptObservation seen, in AttemptPlace place, PolicyDecision decision, ResponseMetadata metadata, RetryPlan plan)
    : AttemptResult(place)
{
    public PolicyDecision Decision { get; } = decision;
    public ResponseSignals Signals { get; } = seen.Signals;
    public ResponseMetadata Metadata { get; } = metadata;
    public DateTimeOffset StartedAt { get; } = seen.StartedAt;
    public TimeSpan Duration { get; } = seen.Duration;
    public ChatCompletionResponse? Chat { get; } = seen.Chat;

    /// <summary>Tokens reported, from a stream or from the completion.</summary>
    public Usage? Usage { get; } = seen.Usage ?? seen.Chat?.Usage;
    public long InputBytes { get; } = seen.InputBytes;
    public long OutputBytes { get; } = seen.OutputBytes;
    public bool ContentDelivered { get; } = seen.ContentDelivered;
    public RetryPlan Plan { get; } = plan;

    /// <summary>Why a retry was refused, when it was; otherwise what the attempt itself noticed.</summary>
    public string? Note { get; } = plan.Refusal ?? seen.Note;

    public FailureClass Class => Decision.Class;

    public AttemptRecord ToRecord() => new(Place.Endpoint.Name, Place.RetryIndex, Decision.Class, Metadata.StatusCode, Metadata.RequestId,
        StartedAt, Duration, Place.BackoffBefore, Decision.RuleName, Note, ContentDelivered);
}
