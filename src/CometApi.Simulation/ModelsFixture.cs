namespace CometApi.Simulation;

/// <summary>The GET /v1/models answer; the scenario catalog covers chat completions only.</summary>
public static class ModelsFixture
{
    /// <summary>Relative to the fixtures folder.</summary>
    public const string ListBody = "bodies/models-list.json";
}
