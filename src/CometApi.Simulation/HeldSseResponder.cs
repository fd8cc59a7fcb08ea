using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation;

/// <summary>
/// Plays an SSE text in two parts: the first <c>heldAfter</c> events, then nothing until <see cref="Release"/>,
/// then the rest and a normal end. A test can prove a client streams (hands the first delta over while the rest
/// is not even written yet) by a signal instead of by timing the gap between events.
/// </summary>
public sealed class HeldSseResponder : IResponseProvider
{
    private readonly byte[][] _events;
    private readonly int _heldAfter;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldSseResponder(string sseText, int heldAfter)
    {
        ArgumentNullException.ThrowIfNull(sseText);
        _events = TimedSseResponder.SplitEvents(sseText).Select(e => System.Text.Encoding.UTF8.GetBytes(e)).ToArray();
        ArgumentOutOfRangeException.ThrowIfNegative(heldAfter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(heldAfter, _events.Length);
        _heldAfter = heldAfter;
    }

    /// <summary>Completes once the first part is written and flushed and the rest is being held back.</summary>
    public Task Held => _held.Task;

    /// <summary>Whether the rest of the stream may be written yet.</summary>
    public bool Released => _release.Task.IsCompleted;

    /// <summary>Lets the rest of the stream be written.</summary>
    public void Release() => _release.TrySetResult();

    /// <inheritdoc />
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        try
        {
            await response.StartAsync(aborted).ConfigureAwait(false);
            for (var i = 0; i < _events.Length; i++)
            {
                if (i == _heldAfter)
                {
                    _held.TrySetResult();
                    await _release.Task.WaitAsync(aborted).ConfigureAwait(false);
                }

                await response.Body.WriteAsync(_events[i], aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }

            await response.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the simulation is over.
        }
        catch (IOException)
        {
            // The connection went away while writing.
        }

        return ResponderResult.AlreadyWritten;
    }
}
