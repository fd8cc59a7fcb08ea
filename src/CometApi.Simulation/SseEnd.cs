namespace CometApi.Simulation;

/// <summary>How <see cref="TimedSseResponder"/> ends a stream after its last event.</summary>
public enum SseEnd
{
    /// <summary>Finish the response cleanly (<c>HttpResponse.CompleteAsync</c>).</summary>
    Complete,

    /// <summary>Abort the connection, as a provider that dies mid-stream.</summary>
    Abort,

    /// <summary>Send nothing more and keep the connection open until the client gives up.</summary>
    Stall,
}
