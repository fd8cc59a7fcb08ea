using System.Globalization;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>A change to the JSON of a body, or of one SSE event's data (<see cref="Event"/>, ignored for bodies).</summary>
public abstract record JsonEdit(int Event)
{
    internal abstract void Apply(EditableJson json);
}

public sealed record ReplaceValue(int Event, int Position, string Replacement) : JsonEdit(Event)
{
    internal override void Apply(EditableJson json) => json.ReplaceValue(Position, Replacement);
    public override string ToString() => $"value #{Position} := {Shorten(Replacement)}";

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..20]}...({text.Length} chars)";
}

public sealed record DropProperty(int Event, int Position) : JsonEdit(Event)
{
    internal override void Apply(EditableJson json) => json.DropProperty(Position);
    public override string ToString() => $"drop property #{Position}";
}

public sealed record RenameProperty(int Event, int Position, string NewName) : JsonEdit(Event)
{
    internal override void Apply(EditableJson json) => json.RenameProperty(Position, NewName);
    public override string ToString() => $"rename property #{Position} to \"{NewName}\"";
}

/// <summary>A change to the list of SSE events (each an event's text without its blank line).</summary>
public abstract record EventEdit(int Position)
{
    internal abstract void Apply(List<string> events);
}

public sealed record DropEvent(int Position) : EventEdit(Position)
{
    internal override void Apply(List<string> events)
    {
        if (events.Count > 0) events.RemoveAt(Position % events.Count);
    }

    public override string ToString() => $"drop event #{Position}";
}

public sealed record DuplicateEvent(int Position) : EventEdit(Position)
{
    internal override void Apply(List<string> events)
    {
        if (events.Count > 0) events.Insert(Position % events.Count, events[Position % events.Count]);
    }

    public override string ToString() => $"repeat event #{Position}";
}

/// <summary>Inserts an event, e.g. <c>data: [DONE]</c> where it does not belong.</summary>
public sealed record InsertEvent(int Position, string Text) : EventEdit(Position)
{
    internal override void Apply(List<string> events) => events.Insert(Position % (events.Count + 1), Text);
    public override string ToString() => $"insert event \"{Text}\" at #{Position}";
}

/// <summary>A change to the bytes on the wire, after every structural edit.</summary>
public abstract record ByteEdit(int Position)
{
    internal abstract byte[] Apply(byte[] bytes);
}

public sealed record Truncate(int Position) : ByteEdit(Position)
{
    internal override byte[] Apply(byte[] bytes) => bytes.Length == 0 ? bytes : bytes[..(Position % bytes.Length)];
    public override string ToString() => $"cut after byte {Position}";
}

public sealed record InsertBytes(int Position, byte[] Bytes) : ByteEdit(Position)
{
    internal override byte[] Apply(byte[] bytes)
    {
        var at = Position % (bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. Bytes, .. bytes.AsSpan(at)];
    }

    public override string ToString() => $"insert bytes {Convert.ToHexString(Bytes)} at {Position.ToString(CultureInfo.InvariantCulture)}";
}
