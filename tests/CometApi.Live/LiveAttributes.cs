namespace CometApi.ContractTests.Live;

/// <summary>A check that only runs live (COMETAPI_LIVE=1); offline it is skipped with the reason shown.</summary>
public sealed class LiveFactAttribute : SkippableFactAttribute
{
    public LiveFactAttribute()
    {
        if (!LiveSettings.Current.Enabled)
            Skip = $"live check: set {LiveSettings.LiveFlag}=1 (or run run-live.ps1, -Simulate for the embedded simulator) to run it";
    }
}
