namespace CometApi.ContractTests.Shapes;

/// <summary>The two switches of the snapshot flow, read from the environment.</summary>
public static class SnapshotSettings
{
    /// <summary>Set by CI (.ci/run): a missing snapshot fails instead of being created. Snapshooter's own switch.</summary>
    public const string StrictModeVariable = "SNAPSHOOTER_STRICT_MODE";

    /// <summary>Set by a developer to write received shapes over the snapshots, for review in the pull request.</summary>
    public const string AcceptVariable = "SNAPSHOT_ACCEPT";

    /// <summary>The one command that accepts every changed or new shape.</summary>
    public const string AcceptCommand = $"{AcceptVariable}=1 dotnet test ContractTests.sln --filter Category=Snapshot";

    /// <summary>The xunit trait every snapshot test carries, so <see cref="AcceptCommand"/> runs exactly them.</summary>
    public const string Category = "Snapshot";

    /// <summary>Snapshooter's reading of its variable: "on" or a boolean true.</summary>
    public static bool StrictMode =>
        Environment.GetEnvironmentVariable(StrictModeVariable) is { } value
        && (value == "on" || (bool.TryParse(value, out var on) && on));

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";
}
