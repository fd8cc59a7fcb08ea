namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// The client's transport in a virtual-time run: real sockets (as the client's own default: no redirects), with
/// every response body counted as the client reads it. <see cref="WhenWaitingAsync"/> completes once the n-th
/// response's client has read a given number of body bytes and asked for more: it is then waiting on the provider,
/// and only a timer can end the wait.
/// </summary>
public sealed class ResponseWatch() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private readonly Lock _gate = new();
    private readonly List<WatchedBody> _bodies = [];
    private readonly List<(int Response, long Bytes, TaskCompletionSource Signal)> _waiters = [];

    public Task WhenWaitingAsync(int response, long bodyBytes)
    {
        lock (_gate)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((response, bodyBytes, signal));
            Check();
            return signal.Task;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        var body = new WatchedBody(this, await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var content = new StreamContent(body);
        foreach (var header in original.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = content;
        lock (_gate)
        {
            _bodies.Add(body);
            Check();
        }

        return response;
    }

    private void Changed()
    {
        lock (_gate) Check();
    }

    private void Check()
    {
        foreach (var waiter in _waiters.ToList())
        {
            if (_bodies.Count < waiter.Response) continue;
            var body = _bodies[waiter.Response - 1];
            if (body.BytesRead < waiter.Bytes || !body.Reading) continue;
            _waiters.Remove(waiter);
            waiter.Signal.TrySetResult();
        }
    }

    private sealed class WatchedBody(ResponseWatch watch, Stream inner) : Stream
    {
        private long _bytesRead;
        private int _reading;

        public long BytesRead => Interlocked.Read(ref _bytesRead);
        public bool Reading => Volatile.Read(ref _reading) > 0;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reading);
            watch.Changed();
            int read;
            try
            {
                read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Interlocked.Decrement(ref _reading);
                throw;
            }

            // No longer reading before the bytes count: the client is busy with them, not waiting.
            Interlocked.Decrement(ref _reading);
            Interlocked.Add(ref _bytesRead, read);
            watch.Changed();
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
