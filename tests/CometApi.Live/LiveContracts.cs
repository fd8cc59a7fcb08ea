using CometApi.Live.Support;
using CometApi.Reliability.Contracts;

namespace CometApi.Live;

/// <summary>
/// The contract set of the provider the live run was pointed at (<see cref="LiveSettings.ProviderVariable"/>, default
/// cometapi): its profile (base URL, auth, request-id headers) and its policy (the shared table after its overrides).
/// The live checks, the live shape snapshots and the simulator personality all follow it.
/// </summary>
public static class LiveContracts
{
    private static readonly Lazy<ContractSet> Loaded = new(() => TestContracts.For(LiveSettings.Current.Provider));

    public static ContractSet Set => Loaded.Value;
    public static ProviderProfile Profile => Set.Profile;
}
