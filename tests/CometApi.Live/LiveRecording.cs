using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CometApi.Live.Support;
using CometApi.Simulation;
using CometApi.Simulation.Recording;

namespace CometApi.Live;

/// <summary>
/// Record mode of a live run (<see cref="Variable"/>=1, set by <c>run-live.ps1 -Record</c>): every answer the live
/// checks get is also kept, scrubbed, under <c>fixtures/recorded/&lt;provider&gt;/&lt;date&gt;/</c> (a simulated run
/// records as <c>&lt;provider&gt;-simulated</c>) with a diff report against the committed fixtures. The checks are not
/// changed: the body is copied as the client reads it, never read ahead of it.
/// </summary>
public static class LiveRecording
{
    public const string Variable = "COMETAPI_RECORD";

    /// <summary>Where the <c>recorded/</c> folder goes; the repository's <c>fixtures/</c> unless set (tests set a temp folder).</summary>
    public const string DirVariable = "COMETAPI_RECORD_DIR";

    private static readonly Lazy<RecordingSession?> Session = new(() => Start(Environment.GetEnvironmentVariable, LiveSettings.Current), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The run's recordings, or null when record mode is off.</summary>
    public static RecordingSession? Current => Session.Value;

    /// <summary>The recording session record mode gives <paramref name="settings"/> in <paramref name="env"/>; null when it is off.</summary>
    public static RecordingSession? Start(Func<string, string?> env, LiveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(settings);
        if (env(Variable)?.Trim() != "1" || !settings.Enabled) return null;
        var root = env(DirVariable) is { Length: > 0 } dir ? Path.GetFullPath(dir) : RepoPaths.Fixtures;
        var provider = settings.Simulate ? settings.Provider + "-simulated" : settings.Provider;
        return new RecordingSession(root, provider, DateOnly.FromDateTime(DateTime.UtcNow), FixtureCatalog.Default);
    }

    /// <summary>
    /// <paramref name="inner"/>, recorded when record mode is on and <paramref name="session"/> is the run's own: the
    /// sessions tests open on local providers (the defect matrix) are not the provider being recorded.
    /// </summary>
    public static HttpMessageHandler Wrap(HttpMessageHandler inner, LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Current is { } recordings && ReferenceEquals(LiveSession.Started, session)
            ? new RecordingHandler(recordings, new RecordedRun(session.ApiKey, session.RevokedKey, session.PongRequest().Messages[0].Content ?? "", LiveSession.UnknownModel), inner)
            : inner;
    }
}

/// <summary>What the recorder must know of the run: the keys it must never write, the prompt, the unknown-model name.</summary>
public sealed record RecordedRun(string ApiKey, string? RevokedKey, string Prompt, string UnknownModel);

/// <summary>Hands each answer's body to the recording session once the client has read it (or given up on it).</summary>
public sealed class RecordingHandler(RecordingSession recordings, RecordedRun run, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? sent = null;
        if (request.Content is { } content)
        {
            await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            sent = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = JsonText.TryParse(sent) is { ValueKind: System.Text.Json.JsonValueKind.Object } parsed ? JsonNode.Parse(parsed.GetRawText()) as JsonObject : null;
        var key = request.Headers.Authorization?.Parameter;
        var path = request.RequestUri?.AbsolutePath ?? "";
        var streaming = body?["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        var prompts = (body?["messages"] as JsonArray ?? []).Select(m => m?["content"]).OfType<JsonValue>().Select(v => v.ToString())
            .Append(run.Prompt).ToList();

        response.Content = new TeeContent(response.Content, text =>
        {
            var status = (int)response.StatusCode;
            var scenario = LiveCounterpart.Of(path, body, key, run.RevokedKey, run.UnknownModel, status, LiveCounterpart.ErrorCodeOf(text));
            var raw = AnswerCapture.From(response, text, recordings.Provider, scenario, streaming, recordings.Date);
            var kept = FixtureCatalog.Default.Scenarios.FirstOrDefault(s => s.Name == scenario)?.ExpectFor(streaming).Output;
            var scrubber = new Scrubber(string.IsNullOrEmpty(key) ? run.ApiKey : key, prompts, kept is null ? null : [kept]);
            recordings.Record(raw, scrubber, [.. SecretRegistry.All, run.ApiKey, run.RevokedKey ?? "", .. key is null ? Array.Empty<string>() : [key], .. prompts]);
        });
        return response;
    }

    /// <summary>The original content, whose read stream copies what the client reads and reports it once, at the end or on dispose.</summary>
    private sealed class TeeContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action<string> _done;

        public TeeContent(HttpContent inner, Action<string> done)
        {
            _inner = inner;
            _done = done;
            foreach (var (name, values) in inner.Headers) Headers.TryAddWithoutValidation(name, values);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new TeeStream(await _inner.ReadAsStreamAsync().ConfigureAwait(false), _done);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await using var tee = new TeeStream(await _inner.ReadAsStreamAsync().ConfigureAwait(false), _done);
            await tee.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class TeeStream(Stream inner, Action<string> done) : Stream
    {
        private readonly MemoryStream _copy = new();
        private int _reported;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Copied(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Copied(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Report();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Copied(ReadOnlySpan<byte> read)
        {
            if (read.Length == 0) Report();
            else _copy.Write(read);
            return read.Length;
        }

        private void Report()
        {
            if (Interlocked.Exchange(ref _reported, 1) == 1) return;
#pragma warning disable CA1031 // recording is a by-product: it never fails the check that made the request
            try
            {
                done(System.Text.Encoding.UTF8.GetString(_copy.ToArray()));
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"record mode: an answer was not recorded ({ex.GetType().Name})");
            }
#pragma warning restore CA1031
        }
    }
}
