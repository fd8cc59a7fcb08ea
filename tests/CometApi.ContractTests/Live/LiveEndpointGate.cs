using CometApi.Live.Checks;

namespace CometApi.ContractTests.Live;

/// <summary>
/// For live captures outside the check catalog (the live shape snapshots): they need a working endpoint too, so a
/// CL2.minimal-request that failed in a blocking class (wrong base URL, refused key) blocks them, and they send nothing.
/// </summary>
public static class LiveEndpointGate
{
    public const string MinimalRequest = "CL2.minimal-request";

    /// <exception cref="LiveCheckNotRunException">The endpoint does not work: the blocked verdict, already published.</exception>
    /// <param name="session">The run's live session by default.</param>
    public static async Task RequireWorkingEndpointAsync(LiveSession? session = null)
    {
        var minimal = await LiveCheckRuns.Of(session ?? LiveSession.Shared).ResultAsync(MinimalRequest);
        if (minimal.Status == LiveCheckStatus.Failed && LiveCheckCatalog.Default.Plan.BlockingClasses.Contains(minimal.Cause ?? ""))
            throw LiveVerdict.Blocked(null, MinimalRequest, $"{MinimalRequest} failed ({minimal.Cause}): {minimal.Message}");
    }
}
