namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Tests that read or set the snapshot switches (SNAPSHOOTER_STRICT_MODE, SNAPSHOT_ACCEPT) run one after another in
/// this xunit collection, so a test that flips a switch for a moment cannot change how another one matches.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SnapshotSwitchesDefinition
{
    public const string Name = "snapshot switches";
}
