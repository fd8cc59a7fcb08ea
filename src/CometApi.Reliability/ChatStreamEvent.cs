namespace CometApi.Reliability;

/// <summary>One event of a streamed call: a delta as it arrives, and at the end, the result.</summary>
public sealed record ChatStreamEvent(string? Content, string? Refusal, ChatResult? Result)
{
    public bool IsFinal => Result is not null;

    public override string ToString() => IsFinal ? $"Final({Result})" : $"Delta([{(Content ?? Refusal)?.Length ?? 0} chars])";
}
