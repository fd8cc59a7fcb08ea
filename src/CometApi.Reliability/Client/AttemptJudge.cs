using CometApi.Reliability.Contracts;

namespace CometApi.Reliability.Client;

/// <summary>
/// Turns what an attempt showed into its one <see cref="AttemptOutcome"/>: the only place the failure policy
/// classifies anything, then the retry plan, then the body excerpt a failure keeps (a success quotes nothing).
/// </summary>
internal sealed class AttemptJudge(FailurePolicy policy, RetryPlanner planner, MetadataReader metadata)
{
    /// <param name="seen">What the attempt showed.</param>
    /// <param name="place">Where it stands in its call.</param>
    /// <param name="mayRetry">False where a retry is out of the question: content reached the caller, or the call is already over.</param>
    public AttemptOutcome Judge(in AttemptObservation seen, in AttemptPlace place, bool mayRetry)
    {
        var decision = policy.Classify(seen.Signals);
        var plan = mayRetry ? planner.Plan(decision, seen.RetryAfter, place) : RetryPlan.None;
        var kept = decision.Class != FailureClass.Success && seen.Body is { } body ? metadata.WithExcerpt(seen.Metadata, body) : seen.Metadata;
        return new AttemptOutcome(seen, place, decision, kept, plan);
    }
}
