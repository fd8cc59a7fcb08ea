namespace CometApi.Simulation;

/// <summary>
/// A response body made up as it is read: <c>head</c> once, then <c>repeated</c> over and over, up to
/// <c>length</c> bytes or forever. Honours cancellation like a socket does, and counts what the client pulled,
/// so a test can show how much of a huge or endless body was read without ever holding it in memory.
/// </summary>
public sealed class RepeatingStream(byte[] head, byte[] repeated, long? length = null) : Stream
{
    private long _position;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long BytesRead => Interlocked.Read(ref _position);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && (length is null || _position < length))
        {
            var source = _position < head.Length ? head.AsSpan((int)_position) : repeated.AsSpan((int)((_position - head.Length) % repeated.Length));
            var n = (int)Math.Min(Math.Min(source.Length, buffer.Length - written), (length ?? long.MaxValue) - _position);
            source[..n].CopyTo(buffer[written..]);
            written += n;
            Interlocked.Add(ref _position, n);
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
