using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// Sends one HTTP attempt and reports what happened (a response, an exception, a stall) as an
/// <see cref="AttemptObservation"/>, unjudged. Never throws for provider behaviour; only caller bugs escape.
/// </summary>
internal sealed class AttemptSender(
    HttpClient http,
    CometApiOptions options,
    ProviderProfile profile,
    MetadataReader metadata,
    SecretRedactor redactor,
    TimeProvider time)
{
    /// <summary>What a stream whose first delta is ready is, until its end is judged.</summary>
    private static readonly ResponseSignals StreamOpened = new() { Status = 200, Body = BodyKind.Stream };

    public async Task<AttemptObservation> SendAsync(ProviderEndpoint endpoint, byte[] body, bool streaming, string callId,
        CancellationToken callerToken, CancellationToken pipelineToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var attemptTimer = new CancellationTokenSource(options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(pipelineToken, attemptTimer.Token);
        HttpResponseMessage? response = null;
        var handedOver = false;
        try
        {
            using var request = BuildRequest(endpoint, body, streaming, callId);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var mediaType = MediaType(response.Content.Headers);
            if (streaming && response.IsSuccessStatusCode && IsEventStream(mediaType))
            {
                var opened = await BeginStreamAsync(response, startedAt, pipelineToken, attemptTimer.Token).ConfigureAwait(false);
                handedOver = opened.Stream is not null;
                return opened with { Duration = time.GetElapsedTime(started), InputBytes = body.Length };
            }

            var (bytes, tooLarge) = await ReadCappedAsync(response.Content, linked.Token).ConfigureAwait(false);
            var inspected = BodyInspector.Inspect(mediaType, bytes, tooLarge);
            var kept = metadata.Read(response, inspected.Error);
            return new AttemptObservation(Signals(response, inspected), startedAt, time.GetElapsedTime(started), kept)
            {
                Chat = inspected.Chat,
                RetryAfter = MetadataReader.HasRetryAfter(kept) ? RetryAfter(response) : null,
                InputBytes = body.Length,
                OutputBytes = bytes.Length,
                Body = bytes,
            };
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            var transport = ex is OperationCanceledException
                ? callerToken.IsCancellationRequested ? TransportCondition.CallerCancelled : TransportCondition.Timeout
                : TransportCondition.ConnectionFailed;
            var signals = new ResponseSignals { Transport = transport, Status = response is null ? null : (int)response.StatusCode };
            return new AttemptObservation(signals, startedAt, time.GetElapsedTime(started), response is null ? ResponseMetadata.None : metadata.Read(response, null))
            {
                InputBytes = body.Length,
                Note = transport switch
                {
                    TransportCondition.Timeout => pipelineToken.IsCancellationRequested ? "total deadline reached" : "attempt timeout reached",
                    TransportCondition.ConnectionFailed => redactor.Redact(Describe(ex)),
                    _ => "cancelled by the caller",
                },
            };
        }
        finally
        {
            if (!handedOver) response?.Dispose();
        }
    }

    /// <summary>Reads a stream until its first delta is ready for the caller, or until it ends or fails first.</summary>
    private async Task<AttemptObservation> BeginStreamAsync(HttpResponseMessage response, DateTimeOffset startedAt,
        CancellationToken pipelineToken, CancellationToken attemptToken)
    {
        // The reader outlives this attempt, so it gets its own token: cancelled by the deadline or the caller,
        // and by the attempt timer only until the first delta is handed over.
        var readCts = CancellationTokenSource.CreateLinkedTokenSource(pipelineToken);
        var reader = new SseChatReader(response, await response.Content.ReadAsStreamAsync(pipelineToken).ConfigureAwait(false), readCts, options.MaxResponseBytes);
        try
        {
            using (attemptToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), readCts))
            {
                while (reader.Pending.Count == 0 && await reader.ReadNextAsync().ConfigureAwait(false))
                {
                }
            }
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Handed over: the attempt is judged when the stream ends (StreamingAttempt), on the signals it ends with.
        if (reader.Pending.Count > 0)
            return new AttemptObservation(StreamOpened, startedAt, TimeSpan.Zero, ResponseMetadata.None) { Stream = reader, Note = "first delta handed to the caller" };

        var kept = metadata.Read(response, reader.ErrorFrame);
        await reader.DisposeAsync().ConfigureAwait(false);
        return new AttemptObservation(reader.Signals(TransportCondition.None), startedAt, TimeSpan.Zero, kept)
        {
            OutputBytes = reader.BytesRead,
            Chat = reader.Summary(),
            Note = "stream ended before any delta",
        };
    }

    private HttpRequestMessage BuildRequest(ProviderEndpoint endpoint, byte[] body, bool streaming, string callId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ChatUri)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(profile.ContentType.Value);
        // An empty key only comes from live contract probes (SendUncheckedAsync); the options validator forbids it otherwise.
        if (endpoint.ApiKey.Length > 0)
        {
            if (string.Equals(profile.AuthHeader.Value, "Authorization", StringComparison.OrdinalIgnoreCase))
                request.Headers.Authorization = new AuthenticationHeaderValue(profile.AuthScheme.Value, endpoint.ApiKey);
            else
                request.Headers.TryAddWithoutValidation(profile.AuthHeader.Value, endpoint.ApiKey);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(streaming ? profile.StreamContentType.Value : profile.ContentType.Value));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CometApi.Reliability", "1.0"));
        request.Headers.TryAddWithoutValidation("X-Client-Request-Id", callId);
        return request;
    }

    private static ResponseSignals Signals(HttpResponseMessage response, InspectedBody inspected)
    {
        var message = inspected.Chat?.Choices[0].Message;
        return new ResponseSignals
        {
            Status = (int)response.StatusCode,
            Body = inspected.Kind,
            ErrorCode = inspected.Error?.CodeText,
            ErrorType = inspected.Error?.Type,
            FinishReason = inspected.Chat?.Choices[0].FinishReason,
            Refusal = !string.IsNullOrEmpty(message?.Refusal),
            EmptyContent = message is not null && string.IsNullOrWhiteSpace(message.Content)
                && message.ToolCalls is not { ValueKind: System.Text.Json.JsonValueKind.Array },
        };
    }

    private async Task<(ReadOnlyMemory<byte> Bytes, bool TooLarge)> ReadCappedAsync(HttpContent content, CancellationToken token)
    {
        var cap = options.MaxResponseBytes;
        if (content.Headers.ContentLength > cap) return (ReadOnlyMemory<byte>.Empty, true);
        using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        if (content.Headers.ContentLength is { } length)
        {
            // The usual case: one array of the announced size. A body that ends early throws EndOfStreamException,
            // an IOException, which the attempt reports as a lost connection.
            var exact = new byte[length];
            await stream.ReadExactlyAsync(exact, token).ConfigureAwait(false);
            return (exact, false);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > cap) return (ReadOnlyMemory<byte>.Empty, true);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
    }

    /// <summary>retry-after-ms wins over Retry-After (seconds or an HTTP date), as the OpenAI clients do.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            return TimeSpan.FromMilliseconds(millis);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// The media type as sent, without parameters. Read raw: only "is it HTML or an event stream" is asked of it, and
    /// parsing a MediaTypeHeaderValue per response cost more than the question.
    /// </summary>
    private static string? MediaType(HttpContentHeaders headers) =>
        headers.NonValidated.TryGetValues("Content-Type", out var values) && values.ToString() is { Length: > 0 } raw
            ? (raw.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0 ? raw[..semicolon] : raw).Trim()
            : null;

    private static bool IsEventStream(string? mediaType) =>
        string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return ReferenceEquals(inner, ex) ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {ex.Message} ({inner.GetType().Name}: {inner.Message})";
    }
}
