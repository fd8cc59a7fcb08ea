using CometApi.Reliability.Classification;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// What one attempt showed, before the failure policy judged it: the sender's whole answer, or a stream's at its
/// end. <see cref="AttemptJudge"/> turns it into the attempt's one <see cref="AttemptOutcome"/>. A struct: it only
/// carries values from the sender to the judge.
/// </summary>
internal readonly record struct AttemptObservation(ResponseSignals Signals, DateTimeOffset StartedAt, TimeSpan Duration, ResponseMetadata Metadata)
{
    public ChatCompletionResponse? Chat { get; init; }

    /// <summary>The provider's Retry-After (retry-after-ms wins), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
    public long InputBytes { get; init; }
    public long OutputBytes { get; init; }

    /// <summary>Usage read from a stream; a completion's usage is on <see cref="Chat"/>.</summary>
    public Usage? Usage { get; init; }
    public string? Note { get; init; }

    /// <summary>The body as received, kept only so that a failure's metadata can quote it.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>Deltas of this attempt already reached the caller.</summary>
    public bool ContentDelivered { get; init; }

    /// <summary>A stream whose first delta is ready: the attempt goes on in the caller's loop and is judged at its end.</summary>
    public SseChatReader? Stream { get; init; }
}
