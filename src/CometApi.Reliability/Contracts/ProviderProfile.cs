namespace CometApi.Reliability.Contracts;

/// <summary>What the provider promises about its endpoint, as data with provenance (contracts/provider-profile.*.json).</summary>
public sealed record ProviderProfile(
    string Provider,
    string DisplayName,
    string ReviewedBy,
    string CollectedFrom,
    Fact<string> DefaultBaseUrl,
    Fact<string> ChatCompletionsPath,
    Fact<string> ModelsPath,
    Fact<string> AuthHeader,
    Fact<string> AuthScheme,
    Fact<string> ContentType,
    Fact<string> StreamContentType,
    Fact<string[]> ApiKeyVariables,
    Fact<string[]> RequestIdHeaders,
    Fact<string> RequestIdInErrorMessage,
    Fact<string> ErrorBody,
    Fact<int[]> DocumentedStatuses,
    Fact<string> RateLimits,
    Fact<string> Billing,
    IReadOnlyList<Fact<string>> Observations);
