namespace CometApi.Reliability.Contracts;

/// <summary>
/// The contract files the client starts from, loaded and validated together: one provider's profile, and the shared
/// failure policy with that provider's overrides tried first.
/// </summary>
public sealed record ContractSet(ProviderProfile Profile, FailurePolicy Policy)
{
    public const string PolicyFileName = "failure-policy.json";

    /// <summary>Loads the shared policy and <paramref name="provider"/>'s folder under <c>providers/</c>; an unknown provider or a missing or malformed file is a clear startup error.</summary>
    public static ContractSet Load(string contractsFolder, string provider = ProviderCatalog.DefaultProvider)
    {
        var folder = ProviderCatalog.FolderOf(contractsFolder, provider);
        var profilePath = Path.Combine(folder, ProviderCatalog.ProfileFileName);
        var profile = ProviderProfileLoader.Load(profilePath);
        if (profile.Provider != provider)
            throw new ContractFileException(profilePath, $"provider '{profile.Provider}' does not match its folder '{provider}'");
        return new ContractSet(profile, FailurePolicy.Load(Path.Combine(contractsFolder, PolicyFileName),
            Path.Combine(folder, ProviderCatalog.OverridesFileName), provider));
    }
}
