namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// A test world whose provider answers from memory through <see cref="InProcessHandler"/>: no socket, no server,
/// so thousands of calls take a second. For what loopback HTTP adds nothing to (parsing, accounting, memory).
/// </summary>
public sealed class InProcessCometApi(InProcessHandler handler) : ClientWorld
{
    public InProcessHandler Handler { get; } = handler;

    /// <summary>Never contacted: the in-process provider answers before any connection is made.</summary>
    public override string ChatEndpoint => "http://127.0.0.1:9/v1/chat/completions";

    protected override HttpMessageHandler Transport => Handler;
}
