namespace CometApi.Reliability.Contracts;

/// <summary>The contract files the client starts from, loaded and validated together.</summary>
public sealed record ContractSet(ProviderProfile Profile, FailurePolicy Policy)
{
    public const string ProfileFileName = "provider-profile.cometapi.json";
    public const string PolicyFileName = "failure-policy.json";

    /// <summary>Loads both files from a contracts folder; a missing or malformed file is a clear startup error.</summary>
    public static ContractSet Load(string contractsFolder) => new(
        ProviderProfileLoader.Load(Path.Combine(contractsFolder, ProfileFileName)),
        FailurePolicy.Load(Path.Combine(contractsFolder, PolicyFileName)));
}
