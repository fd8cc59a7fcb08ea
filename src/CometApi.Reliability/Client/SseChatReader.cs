using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// Reads a chat stream event by event, keeping what it has seen (text, finish reason, usage, [DONE], an error
/// frame) and queuing deltas for the caller as soon as they are parsed. Malformed events end the stream safely.
/// </summary>
internal sealed class SseChatReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _readCts;
    private readonly IAsyncEnumerator<SseItem<StreamFrame>> _items;
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _refusal = new();
    private readonly CountingStream _body;

    private readonly int _maxTextChars;

    /// <param name="response">The response whose body is the stream; disposed with the reader.</param>
    /// <param name="body">The response body.</param>
    /// <param name="readCts">Cancels reads (deadline, caller); disposed with the reader.</param>
    /// <param name="maxTextChars">The most text (content and refusal) kept from the stream; past it the stream is cut.</param>
    public SseChatReader(HttpResponseMessage response, Stream body, CancellationTokenSource readCts, int maxTextChars)
    {
        _maxTextChars = maxTextChars;
        _response = response;
        _readCts = readCts;
        _body = new CountingStream(body);
        // Each event is parsed from its bytes as the SSE parser frames it: no string per event, no second decode.
        _items = SseParser.Create(_body, static (_, data) => StreamFrame.Parse(data)).EnumerateAsync(readCts.Token).GetAsyncEnumerator(readCts.Token);
    }

    public long BytesRead => _body.BytesRead;

    public Queue<(string? Content, string? Refusal)> Pending { get; } = new();
    public string Content => _content.ToString();
    public string Refusal => _refusal.ToString();
    public string? FinishReason { get; private set; }
    public Usage? Usage { get; private set; }
    public string? Model { get; private set; }
    public bool SawDone { get; private set; }
    public bool HasToolCalls { get; private set; }
    public ErrorDetail? ErrorFrame { get; private set; }
    public bool Malformed { get; private set; }
    public bool Ended { get; private set; }

    /// <summary>The stream held more text than the client keeps (an endless or hostile stream): it was cut there.</summary>
    public bool TextCapReached { get; private set; }
    public int Events { get; private set; }
    public HttpResponseMessage Response => _response;

    /// <summary>Reads one event. False once the stream is over. I/O and cancellation exceptions propagate.</summary>
    public async ValueTask<bool> ReadNextAsync()
    {
        if (Ended) return false;
        if (!await _items.MoveNextAsync().ConfigureAwait(false))
        {
            Ended = true;
            return false;
        }

        Events++;
        Apply(_items.Current.Data);
        return !Ended;
    }

    private void Apply(StreamFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Done:
                SawDone = true;
                Ended = true;
                return;
            case FrameKind.Error:
                ErrorFrame = frame.Error;
                Ended = true;
                return;
            case FrameKind.Malformed:
                MarkMalformed();
                return;
        }

        var chunk = frame.Chunk!;
        Model ??= chunk.Model;
        Usage = chunk.Usage ?? Usage;
        foreach (var choice in chunk.Choices)
        {
            // [JsonRequired] lets an explicit null through: a null choice, or a null delta of the answer, is malformed.
            if (choice is null || (choice.Index == 0 && choice.Delta is null))
            {
                MarkMalformed();
                return;
            }

            if (choice.Index != 0) continue;
            HasToolCalls |= choice.Delta.ToolCalls is { ValueKind: JsonValueKind.Array };
            if (!string.IsNullOrEmpty(choice.Delta.Content) || !string.IsNullOrEmpty(choice.Delta.Refusal))
            {
                _content.Append(choice.Delta.Content);
                _refusal.Append(choice.Delta.Refusal);
                Pending.Enqueue((NullIfEmpty(choice.Delta.Content), NullIfEmpty(choice.Delta.Refusal)));
                if (_content.Length + _refusal.Length > _maxTextChars)
                {
                    // Without a cap, a stream that never ends grows the text until the deadline, however far that is.
                    TextCapReached = true;
                    Ended = true;
                    return;
                }
            }

            FinishReason = choice.FinishReason ?? FinishReason;
        }
    }

    private void MarkMalformed()
    {
        Malformed = true;
        Ended = true;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>
    /// What the stream said, as a non-streamed answer would: for a stream that ended before any delta reached the
    /// caller (a content filter, an empty answer), whose usage, finish reason and model must still be reported.
    /// </summary>
    public ChatCompletionResponse Summary() => new()
    {
        Model = Model,
        Choices =
        [
            new ChatChoice
            {
                Message = new AssistantMessage { Role = "assistant", Content = NullIfEmpty(Content), Refusal = NullIfEmpty(Refusal) },
                FinishReason = FinishReason,
            },
        ],
        Usage = Usage,
    };

    /// <summary>The signals of the stream as it ended, for the failure policy.</summary>
    public ResponseSignals Signals(TransportCondition transport) => new()
    {
        Status = (int)_response.StatusCode,
        Body = Malformed ? BodyKind.Malformed : BodyKind.Stream,
        Stream = ErrorFrame is not null ? StreamCondition.ErrorFrame
            : SawDone && FinishReason is not null && transport == TransportCondition.None ? StreamCondition.Complete
            : StreamCondition.Truncated,
        Transport = transport,
        ErrorCode = ErrorFrame?.CodeText,
        ErrorType = ErrorFrame?.Type,
        FinishReason = FinishReason,
        Refusal = _refusal.Length > 0,
        EmptyContent = _content.ToString().Trim().Length == 0 && !HasToolCalls,
    };

    public async ValueTask DisposeAsync()
    {
        await _items.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _readCts.Dispose();
    }
}
