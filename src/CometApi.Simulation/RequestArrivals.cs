using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CometApi.Simulation;

/// <summary>
/// Every request a simulated server received, recorded the moment it arrives (before any mapping or responder
/// runs), with a wait for the n-th arrival. WireMock's own log adds an entry only after the response is over (an
/// aborted one a moment later), so a count read from it right after a call can still be short: this one cannot.
/// </summary>
public sealed class RequestArrivals
{
    private readonly Lock _gate = new();
    private readonly List<ArrivedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Requests that arrived so far.</summary>
    public int Count
    {
        get { lock (_gate) return _requests.Count; }
    }

    /// <summary>The requests that arrived so far, in arrival order.</summary>
    public IReadOnlyList<ArrivedRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Completes when at least <paramref name="count"/> requests have arrived.</summary>
    public Task WhenCountAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>Puts the recording in front of WireMock's middleware (<c>WireMockServerSettings.PreWireMockMiddlewareInit</c>).</summary>
    public void Attach(object applicationBuilder)
    {
        var app = (IApplicationBuilder)applicationBuilder;
        app.Use(async (context, next) =>
        {
            await RecordAsync(context.Request).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        });
    }

    private async Task RecordAsync(HttpRequest request)
    {
        // Stamped before the body is read: the moment the client's attempt reached the server.
        var arrivedAt = DateTime.UtcNow;
        // Buffered and rewound, so WireMock reads the same body after us.
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)[.. h.Value.Select(v => v ?? "")], StringComparer.OrdinalIgnoreCase);
        var arrived = new ArrivedRequest(request.Method, request.Path.Value ?? "", headers, body, arrivedAt);

        List<TaskCompletionSource> due;
        lock (_gate)
        {
            _requests.Add(arrived);
            due = _waiters.Where(w => w.Count <= _requests.Count).Select(w => w.Signal).ToList();
            _waiters.RemoveAll(w => w.Count <= _requests.Count);
        }

        foreach (var signal in due) signal.TrySetResult();
    }
}

/// <summary>One request as it arrived: method, path, headers (names case-insensitive), body text and when it arrived (UTC wall clock).</summary>
public sealed record ArrivedRequest(string Method, string Path, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, string Body, DateTime ArrivedAt);
