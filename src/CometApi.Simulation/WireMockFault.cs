namespace CometApi.Simulation;

/// <summary>What a WireMock.Net fault leaves of a mapping's body by the time it reaches the client.</summary>
public static class WireMockFault
{
    public const string EmptyResponse = "EMPTY_RESPONSE";
    public const string MalformedResponseChunk = "MALFORMED_RESPONSE_CHUNK";

    /// <summary>
    /// EMPTY_RESPONSE sends no body. MALFORMED_RESPONSE_CHUNK sends part of the body followed by random bytes; its first
    /// half stands in for it here, because the random tail would make the result differ on every read.
    /// </summary>
    public static string? Apply(string? faultType, string? body) => faultType switch
    {
        null => body,
        EmptyResponse => "",
        MalformedResponseChunk => body?[..(body.Length / 2)],
        _ => throw new InvalidOperationException($"Unknown WireMock fault '{faultType}'."),
    };
}
