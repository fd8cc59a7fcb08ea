namespace CometApi.Reliability;

/// <summary>For callers who prefer exceptions to classified results.</summary>
public static class ChatResultExtensions
{
    public static ChatResult EnsureSuccess(this ChatResult result) =>
        result.IsSuccess ? result : throw new ChatCallException(result);
}
