using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>What one attempt ended in, before it becomes an <see cref="AttemptRecord"/>.</summary>
internal sealed class AttemptOutcome
{
    public required PolicyDecision Decision { get; set; }
    public required ResponseSignals Signals { get; set; }
    public required DateTimeOffset StartedAt { get; init; }
    public TimeSpan Duration { get; set; }
    public ResponseMetadata Metadata { get; set; } = ResponseMetadata.None;
    public ChatCompletionResponse? Chat { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public string? Note { get; set; }
    public TimeSpan? BackoffBefore { get; set; }
    public long InputBytes { get; set; }
    public long OutputBytes { get; set; }
    public Usage? Usage { get; set; }
    public bool Streaming { get; set; }

    /// <summary>A stream whose first delta is ready: from here on, nothing is retried.</summary>
    public SseChatReader? Stream { get; init; }
}
