using CometApi.Reliability.Classification;

namespace CometApi.Reliability.Client;

/// <summary>
/// An attempt whose stream handed its first delta to the caller: from here on nothing is retried and nothing falls
/// back. The caller's loop takes deltas and reads on until the stream ends, fails, or the call's deadline or the
/// caller stops it; then <see cref="Ended"/> reports what the whole attempt showed, for its one judgement.
/// </summary>
internal sealed class StreamingAttempt(SseChatReader reader, in AttemptObservation opened, in AttemptPlace place)
    : AttemptResult(place), IAsyncDisposable
{
    private readonly DateTimeOffset _startedAt = opened.StartedAt;
    private readonly long _inputBytes = opened.InputBytes;
    private readonly string? _openingNote = opened.Note;
    private TransportCondition _transport;

    public bool TryTakeDelta(out ChatStreamEvent delta)
    {
        if (reader.Pending.TryDequeue(out var next))
        {
            delta = new ChatStreamEvent(next.Content, next.Refusal, null);
            return true;
        }

        delta = null!;
        return false;
    }

    /// <summary>Reads one more event; false once the stream is over (ended, cut, failed or stopped).</summary>
    public async ValueTask<bool> ReadMoreAsync(CancellationToken callerToken)
    {
        if (reader.Ended || _transport != TransportCondition.None) return false;
        try
        {
            await reader.ReadNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _transport = callerToken.IsCancellationRequested ? TransportCondition.CallerCancelled : TransportCondition.Timeout;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            _transport = TransportCondition.ConnectionFailed;
        }

        return true;
    }

    /// <summary>What the attempt showed, from the first byte to the stream's end.</summary>
    public AttemptObservation Ended(MetadataReader metadata, DateTimeOffset now, int maxResponseBytes) =>
        new(reader.Signals(_transport), _startedAt, now - _startedAt, metadata.Read(reader.Response, reader.ErrorFrame))
        {
            InputBytes = _inputBytes,
            OutputBytes = reader.BytesRead,
            Usage = reader.Usage,
            ContentDelivered = true,
            Note = _transport switch
            {
                TransportCondition.Timeout => "total deadline reached mid-stream",
                TransportCondition.CallerCancelled => "cancelled by the caller mid-stream",
                TransportCondition.ConnectionFailed => "connection lost mid-stream",
                _ when reader.TextCapReached => $"stream cut after more than {maxResponseBytes} characters of text (MaxResponseBytes)",
                _ => _openingNote,
            },
        };

    public ChatAnswer Answer => new(reader.Content, reader.Refusal.Length > 0 ? reader.Refusal : null, reader.FinishReason, reader.Model, reader.Usage);

    public ValueTask DisposeAsync() => reader.DisposeAsync();
}
