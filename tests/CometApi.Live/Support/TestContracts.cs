using CometApi.Reliability.Contracts;

using CometApi.Simulation;

namespace CometApi.Live.Support;

/// <summary>The repository's contract files, loaded once for the whole run.</summary>
public static class TestContracts
{
    private static readonly Lazy<ContractSet> Loaded = new(() => ContractSet.Load(RepoPaths.Contracts));

    public static ContractSet Set => Loaded.Value;
    public static FailurePolicy Policy => Set.Policy;
    public static ProviderProfile Profile => Set.Profile;
}
