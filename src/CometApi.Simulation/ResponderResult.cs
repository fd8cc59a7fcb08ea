using WireMock;

namespace CometApi.Simulation;

/// <summary>What a responder returns once it has written (or aborted) the response itself.</summary>
internal static class ResponderResult
{
    // WireMock.Net.Minimal 2.21.0, WireMockMiddleware after ProvideResponseAsync:
    // 1. it logs the request (LogEntry with RequestMessage, MappingGuid and MappingTitle; ResponseMessage is what we return),
    // 2. it calls OwinResponseMapper.MapAsync(message, ctx.Response), which returns at once for a null message
    //    (the same early exit it uses for its internal WebSocketHandledResponse).
    // Any non-null ResponseMessage would be mapped again: MapAsync appends a Date header and sets the status, which throws
    // "headers are read-only" on a started response; the middleware then tries to write a 404 "No matching mapping found",
    // which throws too and escapes to Kestrel. So a responder that owns the HttpResponse returns a null message: nothing is
    // written twice, nothing throws, and the request still appears in server.LogEntries (with ResponseMessage == null).
    public static readonly (IResponseMessage Message, IMapping? Mapping) AlreadyWritten = (null!, null);
}
