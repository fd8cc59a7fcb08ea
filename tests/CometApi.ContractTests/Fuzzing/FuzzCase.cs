using System.Text;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>What the simulated provider sends: status 200 and these bytes, as an SSE stream or a JSON body.</summary>
public sealed record Answer(byte[] Body, bool Sse)
{
    public string MediaType => Sse ? "text/event-stream" : "application/json";
}

/// <summary>A good answer to start from: a JSON body or an SSE stream, from fixtures/fuzz/seeds.json.</summary>
public sealed record ResponseSeed(string Name, bool Sse, string Text)
{
    public override string ToString() => Name;
}

/// <summary>
/// One fuzz case: a seed, the edits made to it, and whether the client asked for a stream (a JSON seed answering a
/// streamed request is a provider that ignores <c>"stream": true</c>). Prints as the edits and the bytes sent,
/// invalid UTF-8 shown as \xNN, so a shrunk failure reads as a minimal body.
/// </summary>
public sealed record FuzzCase(ResponseSeed Seed, bool StreamRequested, IReadOnlyList<EventEdit> EventEdits,
    IReadOnlyList<JsonEdit> JsonEdits, IReadOnlyList<ByteEdit> ByteEdits)
{
    private byte[]? _body;

    /// <summary>The bytes the provider sends.</summary>
    public byte[] Body => _body ??= Build();

    public Answer Answer => new(Body, Seed.Sse);

    public override string ToString()
    {
        var edits = EventEdits.Select(e => e.ToString()).Concat(JsonEdits.Select(e => Seed.Sse ? $"event #{e.Event}: {e}" : e.ToString()))
            .Concat(ByteEdits.Select(e => e.ToString())).ToList();
        return $"{Seed.Name} ({(StreamRequested ? "stream requested" : "no stream requested")}); edits: {(edits.Count == 0 ? "none" : string.Join("; ", edits))}\n"
            + $"body ({Body.Length} bytes):\n{EscapedBytes.Print(Body)}";
    }

    private byte[] Build()
    {
        var text = Seed.Sse ? EditStream(Seed.Text) : EditJson(Seed.Text, JsonEdits);
        return ByteEdits.Aggregate(Encoding.UTF8.GetBytes(text), (bytes, edit) => edit.Apply(bytes));
    }

    private string EditStream(string sse)
    {
        var events = TimedSseResponder.SplitEvents(sse).Select(e => e.TrimEnd('\n')).ToList();
        foreach (var edit in EventEdits) edit.Apply(events);
        foreach (var group in JsonEdits.GroupBy(e => events.Count == 0 ? 0 : e.Event % events.Count))
        {
            if (events.Count == 0 || !events[group.Key].StartsWith(DataPrefix, StringComparison.Ordinal)) continue;
            events[group.Key] = DataPrefix + EditJson(events[group.Key][DataPrefix.Length..], group);
        }

        return string.Concat(events.Select(e => e + "\n\n"));
    }

    private const string DataPrefix = "data: ";

    private static string EditJson(string json, IEnumerable<JsonEdit> edits)
    {
        var editable = EditableJson.TryParse(json);
        if (editable is null) return json;
        foreach (var edit in edits) edit.Apply(editable);
        return editable.ToString();
    }
}
