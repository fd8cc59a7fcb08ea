namespace CometApi.Live.Checks;

/// <summary>
/// The code of one live check: it makes its request(s) and judges only its own pass condition (the text in
/// contracts/live-checks.json). Everything else it sees stays in the result as observations.
/// </summary>
public interface ILiveCheck
{
    string Id { get; }

    Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken);
}
