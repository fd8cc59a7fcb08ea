using CometApi.Reliability.Contracts;

namespace CometApi.Reliability.Adoption;

/// <summary>Where the service finds the contract files (provider profile, failure policy) it starts from.</summary>
public sealed class CometApiContractsOptions
{
    /// <summary>Configuration key of the folder; without it, <c>contracts</c> beside the application.</summary>
    public const string FolderKey = "COMETAPI_CONTRACTS_DIR";

    /// <summary>Configuration key of the provider profile (a folder of <c>contracts/providers/</c>).</summary>
    public const string ProviderKey = "COMETAPI_PROVIDER";

    public string Folder { get; set; } = Path.Combine(AppContext.BaseDirectory, "contracts");

    public string Provider { get; set; } = ProviderCatalog.DefaultProvider;
}
