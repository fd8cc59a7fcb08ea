namespace CometApi.Simulation.Standalone;

/// <summary>Where the standalone simulator listens and what it serves.</summary>
public sealed record SimulatorOptions
{
    public const int DefaultPort = 5080;

    public const string DefaultHost = "127.0.0.1";

    /// <summary>Interface to bind; loopback unless the user says otherwise.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>Port to bind; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The fixtures folder holding <c>scenarios.json</c>, its mappings and streams; null for the repository's
    /// (looked up only then, so a copy of the tool outside the repository works with an explicit folder).</summary>
    public string? FixturesRoot { get; init; }

    /// <summary>The mapping folder of the healthy provider's personality (answers requests that select no scenario);
    /// null for <c>live-simulator/&lt;Provider&gt;/</c> under the fixtures folder.</summary>
    public string? PersonalityFolder { get; init; }

    /// <summary>Whose error semantics the healthy provider speaks: a folder of <c>live-simulator/</c> (a provider profile's name).</summary>
    public string Provider { get; init; } = "cometapi";

    /// <summary>Request log entries WireMock keeps; the per-scenario counts do not depend on it.</summary>
    public int RequestLogLimit { get; init; } = 1000;
}
