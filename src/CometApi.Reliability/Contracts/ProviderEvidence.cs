namespace CometApi.Reliability.Contracts;

/// <summary>
/// What a profile's facts are worth, for the launch gate: a fallback provider named in the launch ticket counts as
/// approved only with live evidence of its own (a reviewed live run against it), never on documentation alone, and
/// never because another provider passed (compatible APIs do not have identical error semantics).
/// </summary>
public sealed record ProviderEvidence(string Provider, IReadOnlyList<LiveRun> LiveRuns, string WeakestErrorSemantics)
{
    public bool HasLiveEvidence => LiveRuns.Count > 0;

    /// <summary>The profile's evidence level: <c>runtime</c> with a reviewed live run, else the weakest level of its error semantics.</summary>
    public string Level => HasLiveEvidence ? EvidenceLevels.Runtime : WeakestErrorSemantics;

    public bool ApprovedAsFallback => HasLiveEvidence;

    /// <summary>Why the provider is or is not approved as a fallback, for the launch ticket.</summary>
    public string Reason => HasLiveEvidence
        ? $"{Provider}: live evidence of its own ({string.Join(", ", LiveRuns.Select(r => $"run {r.RunId} on {r.Date}"))})"
        : $"{Provider}: no live evidence of its own (its error semantics are at best '{WeakestErrorSemantics}'); run the live suite against it (COMETAPI_PROVIDER={Provider}) and record the reviewed run in its profile's liveEvidence";

    public static ProviderEvidence Of(ProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var weakest = profile.ErrorSemantics.Rows().Select(r => r.Fact.Evidence).MinBy(EvidenceLevels.Strength) ?? EvidenceLevels.Unverified;
        return new ProviderEvidence(profile.Provider, profile.LiveEvidence, weakest);
    }
}
