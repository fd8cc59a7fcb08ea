namespace CometApi.Reliability.Client;

/// <summary>Where an attempt stands in its call: the provider asked, the call, its deadline, and its place among the retries.</summary>
internal readonly record struct AttemptPlace(
    ProviderEndpoint Endpoint,
    string CallId,
    DateTimeOffset Deadline,
    bool Streaming,
    int RetryIndex,
    TimeSpan? BackoffBefore);
