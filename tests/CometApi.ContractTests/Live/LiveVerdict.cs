namespace CometApi.ContractTests.Live;

/// <summary>
/// A live check's verdict when it cannot pass or fail on its own pass condition. It publishes the check's evidence
/// record with that status and returns the <see cref="LiveCheckNotRunException"/> to throw, so the test ends as
/// not run (xunit: skipped) while the evidence says why:
/// <code>throw LiveVerdict.Blocked("CL3.missing-key", by: "CL2.minimal-request", "the configured endpoint answers 404");</code>
/// <list type="bullet">
/// <item><b>blocked</b>: a check it depends on failed, so it sent nothing and spent no budget; names that check.</item>
/// <item><b>inconclusive</b>: it ran, and what it saw decides nothing (a person reviews it); says what it saw.</item>
/// </list>
/// The evidence status wins over xunit's skipped; the gate treats blocked as a blocker and inconclusive as "needs review".
/// Here, not in CometApi.Live, because the evidence extension depends on the live machinery, not the other way.
/// </summary>
public static class LiveVerdict
{
    /// <summary>The target a live check of this run runs against (live, or live-simulated with COMETAPI_SIMULATE=1).</summary>
    public static string Target => LiveSettings.Current.Simulate ? EvidenceTargets.LiveSimulated : EvidenceTargets.Live;

    /// <param name="id">The blocked check (CL3.missing-key); null for a test whose record takes the id of its name (a live shape row).</param>
    /// <param name="by">The check whose failure blocks it (CL2.minimal-request).</param>
    /// <param name="reason">The blocking cause, as the operator should read it.</param>
    public static LiveCheckNotRunException Blocked(string? id, string by, string reason)
    {
        EvidenceChannel.Publish(new EvidenceRecord { Id = id, Target = Target, Status = EvidenceStatus.Blocked, BlockedBy = by, Message = reason });
        return new LiveCheckNotRunException($"blocked by {by}: {reason}");
    }

    /// <param name="id">The check (CL2.unknown-model).</param>
    /// <param name="seen">What the check saw, whole: the operator decides from it.</param>
    /// <param name="record">The record of the call (its class, status, observations), when there was one.</param>
    public static LiveCheckNotRunException Inconclusive(string id, string seen, EvidenceRecord? record = null)
    {
        EvidenceChannel.Publish((record ?? new EvidenceRecord()) with { Id = id, Target = record?.Target ?? Target, Status = EvidenceStatus.Inconclusive, Message = seen });
        return new LiveCheckNotRunException($"inconclusive: {seen}");
    }
}
