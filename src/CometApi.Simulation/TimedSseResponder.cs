using System.Text;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// Plays a Server-Sent-Events text per request: status 200, <c>text/event-stream</c>, then every event
/// (the text split on blank lines) written and flushed on its own with <c>pause</c> between events, and
/// finally the chosen <see cref="SseEnd"/>. Every request gets the whole stream again.
/// WireMock's own <c>WithSseBody</c> is not used: it keeps one queue per mapping (a second request gets an
/// empty 200), ignores the status code and waits an hour on a writer that never closes.
/// </summary>
public sealed class TimedSseResponder : IResponseProvider
{
    /// <summary>The longest a stalled stream is held open when the client never gives up.</summary>
    public static readonly TimeSpan SafetyCap = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MinimumPauseBeforeAbort = TimeSpan.FromMilliseconds(20);

    private readonly byte[][] _events;
    private readonly SseEnd _end;
    private readonly TimeSpan _pause;
    private readonly Dictionary<string, string> _head;
    private readonly StallSignals? _stalls;

    /// <param name="sseText">Raw SSE text: <c>data: ...</c> events separated by blank lines. A trailing piece with no blank line after it is sent as it is (half an event).</param>
    /// <param name="end">How the stream ends after its last event.</param>
    /// <param name="pause">Delay between two events (none before the first).</param>
    /// <param name="headers">Extra response headers, e.g. <c>x-request-id</c>; a Content-Type here replaces text/event-stream.</param>
    /// <param name="stalls">Told when a stalling stream (<see cref="SseEnd.Stall"/>) has flushed its events and holds back the rest.</param>
    public TimedSseResponder(string sseText, SseEnd end = SseEnd.Complete, TimeSpan pause = default, IDictionary<string, string>? headers = null, StallSignals? stalls = null)
    {
        _stalls = stalls;
        ArgumentNullException.ThrowIfNull(sseText);
        ArgumentOutOfRangeException.ThrowIfLessThan(pause, TimeSpan.Zero);
        Events = SplitEvents(sseText);
        _events = Events.Select(e => Encoding.UTF8.GetBytes(e)).ToArray();
        _end = end;
        _pause = pause;
        // The response headers, whichever way the stream is written: the SSE defaults, then the scenario's own.
        _head = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/event-stream", ["Cache-Control"] = "no-cache" };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            _head[name] = value;
        }
    }

    /// <summary>The events exactly as they are written, each with its terminating blank line.</summary>
    public IReadOnlyList<string> Events { get; }

    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_end == SseEnd.Abort && CutConnection.Of(context) is { } connection)
        {
            await PlayCutAsync(connection, context).ConfigureAwait(false);
            return ResponderResult.AlreadyWritten;
        }

        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in _head)
        {
            response.Headers[name] = value;
        }

        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            await PlayEventsAsync(async (e, ct) =>
            {
                await response.Body.WriteAsync(e, ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }, aborted).ConfigureAwait(false);

            switch (_end)
            {
                case SseEnd.Complete:
                    await response.CompleteAsync().ConfigureAwait(false);
                    break;
                case SseEnd.Abort:
                    // Only without a socket of its own (in process, HTTP/2): a flush hands the bytes to Kestrel's
                    // output pipe, not to the socket, so give them time to leave before the reset.
                    await Task.Delay(_pause > MinimumPauseBeforeAbort ? _pause : MinimumPauseBeforeAbort, aborted).ConfigureAwait(false);
                    context.Abort();
                    break;
                case SseEnd.Stall:
                    _stalls?.Stalled(_events.Sum(e => (long)e.Length));
                    var clientLeft = true;
                    try
                    {
                        await Task.Delay(SafetyCap, aborted).ConfigureAwait(false);
                        clientLeft = false;
                        context.Abort();
                    }
                    finally
                    {
                        _stalls?.Over(clientLeft);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown SseEnd {_end}.");
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (or hit its deadline): the simulation is over.
        }
        catch (IOException)
        {
            // The connection went away while writing.
        }

        return ResponderResult.AlreadyWritten;
    }

    /// <summary>A cut stream written past Kestrel onto the socket, so the cut arrives after every event (see <see cref="CutConnection"/>).</summary>
    private async Task PlayCutAsync(CutConnection connection, HttpContext context)
    {
        var aborted = context.RequestAborted;
        try
        {
            await connection.SendHeadAsync(StatusCodes.Status200OK, _head, aborted).ConfigureAwait(false);
            await PlayEventsAsync((e, ct) => connection.SendChunkAsync(e, ct), aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the simulation is over.
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The connection went away while writing.
        }

        connection.Cut(context);
    }

    /// <summary>Sends every event in order, <c>pause</c> apart (none before the first).</summary>
    private async Task PlayEventsAsync(Func<byte[], CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _events.Length; i++)
        {
            if (i > 0 && _pause > TimeSpan.Zero)
            {
                await Task.Delay(_pause, cancellationToken).ConfigureAwait(false);
            }

            await send(_events[i], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Splits SSE text on blank lines; every complete event keeps its <c>\n\n</c> terminator.</summary>
    public static IReadOnlyList<string> SplitEvents(string sseText)
    {
        ArgumentNullException.ThrowIfNull(sseText);
        var text = sseText.Replace("\r\n", "\n", StringComparison.Ordinal);
        var pieces = text.Split("\n\n");
        var events = new List<string>(pieces.Length);
        for (var i = 0; i < pieces.Length; i++)
        {
            var isLast = i == pieces.Length - 1;
            if (isLast)
            {
                if (pieces[i].Length > 0)
                {
                    events.Add(pieces[i]); // no blank line after it: half an event, sent as it is
                }
            }
            else if (pieces[i].Trim('\n').Length > 0)
            {
                events.Add(pieces[i].TrimStart('\n') + "\n\n");
            }
        }

        return events;
    }
}
