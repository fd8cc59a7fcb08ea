namespace CometApi.Reliability;

/// <summary>Thrown by <see cref="ChatResultExtensions.EnsureSuccess"/> for callers who prefer exceptions.</summary>
public sealed class ChatCallException(ChatResult result)
    : Exception($"Chat call failed: {result.Class.WireName()} (status {result.Metadata.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, request id {result.RequestId ?? "none"}). Operator action: {result.OperatorAction}")
{
    public ChatResult Result { get; } = result;
}
