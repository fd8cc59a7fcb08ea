using System.Text;
using CometApi.Simulation;

namespace CometApi.Benchmarks;

/// <summary>
/// What the stub serves, built from the suite's own fixtures: the pong completion as it is, and a long stream made of
/// the pong stream's events with its content event repeated <see cref="LongStreamDeltas"/> times.
/// </summary>
public sealed class StubBodies
{
    /// <summary>Content events in the long stream: about 2 MB, long enough that per-call overhead is noise.</summary>
    public const int LongStreamDeltas = 10_000;

    private StubBodies(byte[] pong, byte[] longStream, byte[] contentEvent, string contentDelta)
    {
        Pong = pong;
        LongStream = longStream;
        ContentEvent = contentEvent;
        ContentDelta = contentDelta;
    }

    public static StubBodies Default { get; } = Load();

    public byte[] Pong { get; }
    public byte[] LongStream { get; }

    /// <summary>One SSE event carrying a content delta (bytes as they arrive on the wire).</summary>
    public byte[] ContentEvent { get; }

    /// <summary>The delta text inside <see cref="ContentEvent"/>.</summary>
    public string ContentDelta { get; }

    /// <summary>The events before the first content delta (the role chunk).</summary>
    public byte[] StreamOpening { get; private init; } = [];

    private static StubBodies Load()
    {
        var pong = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "bodies", "chat-pong.json"));
        var events = CometApi.Simulation.TimedSseResponder.SplitEvents(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "streams", "success-pong.sse")));
        // success-pong.sse: role chunk, "po", "ng", finish chunk, usage chunk, [DONE].
        var opening = events[0];
        var content = events[1];
        var closing = string.Concat(events.Skip(3));
        var longStream = new StringBuilder(opening);
        for (var i = 0; i < LongStreamDeltas; i++) longStream.Append(content);
        longStream.Append(closing);
        return new StubBodies(pong, Encoding.UTF8.GetBytes(longStream.ToString()), Encoding.UTF8.GetBytes(content), "po")
        {
            StreamOpening = Encoding.UTF8.GetBytes(opening),
        };
    }
}
