namespace CometApi.Reliability;

/// <summary>One HTTP attempt: who was asked, what came back, how long it took. Carries no content.</summary>
public sealed record AttemptRecord(
    string Provider,
    int RetryIndex,
    FailureClass Class,
    int? StatusCode,
    string? RequestId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan? BackoffBefore,
    string Rule,
    string? Note,
    bool ContentDelivered = false);
