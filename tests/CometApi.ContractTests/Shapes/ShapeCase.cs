namespace CometApi.ContractTests.Shapes;

/// <summary>One endpoint x mode x scenario, and the snapshot file that holds its reviewed shape.</summary>
public sealed record ShapeCase(string Endpoint, string Mode, string Scenario)
{
    public const string ChatCompletions = "chat-completions";
    public const string Models = "models";
    public const string NonStreaming = "non-streaming";
    public const string Streaming = "streaming";

    public bool IsStreaming => Mode == Streaming;

    /// <summary>Relative to the top-level <c>snapshots/</c> folder, with forward slashes on every OS.</summary>
    public string SnapshotPath => $"{Endpoint}/{Mode}/{Scenario}.snap";

    public static ShapeCase Chat(string scenario, bool streaming) => new(ChatCompletions, streaming ? Streaming : NonStreaming, scenario);

    public override string ToString() => $"{Endpoint}/{Mode}/{Scenario}";
}
