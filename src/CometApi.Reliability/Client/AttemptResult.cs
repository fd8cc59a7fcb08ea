namespace CometApi.Reliability.Client;

/// <summary>
/// How an attempt leaves the retry pipeline: finished and judged (<see cref="AttemptOutcome"/>), or a stream whose
/// first delta is ready (<see cref="StreamingAttempt"/>), which the caller's loop reads on and judges at its end.
/// </summary>
internal abstract class AttemptResult(AttemptPlace place)
{
    public AttemptPlace Place { get; } = place;
}
