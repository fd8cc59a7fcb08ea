namespace CometApi.Reliability.Client;

/// <summary>Where one provider's chat completions live, with its key and model. Never prints the key.</summary>
internal sealed record ProviderEndpoint(string Name, Uri ChatUri, string ApiKey, string Model)
{
    /// <summary>The URL without query or user info: safe to log and tag.</summary>
    public string LogEndpoint { get; } = ChatUri.GetLeftPart(UriPartial.Path);

    public override string ToString() => $"{Name} {LogEndpoint} ({Model})";
}
