using CometApi.Reliability.Contracts;

using CometApi.Simulation;

namespace CometApi.Live.Support;

/// <summary>
/// The repository's contract files, loaded once for the whole run. <see cref="Set"/> is CometAPI's: the offline
/// world (fixtures, scenarios, WireMock mappings) simulates CometAPI. The live run's provider is <c>LiveContracts</c>.
/// </summary>
public static class TestContracts
{
    private static readonly Lazy<ContractSet> Loaded = new(() => ContractSet.Load(RepoPaths.Contracts));

    public static ContractSet Set => Loaded.Value;
    public static FailurePolicy Policy => Set.Policy;
    public static ProviderProfile Profile => Set.Profile;

    /// <summary>Any provider's profile and policy; CometAPI's is the one already loaded.</summary>
    public static ContractSet For(string provider) => provider == ProviderCatalog.DefaultProvider ? Set : ContractSet.Load(RepoPaths.Contracts, provider);
}
