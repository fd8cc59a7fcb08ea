using System.Runtime.CompilerServices;

namespace CometApi.Live.Checks;

/// <summary>The one run of the live-check catalog per session: every [LiveFact] of a run reads its check's result from it.</summary>
public static class LiveCheckRuns
{
    private static readonly ConditionalWeakTable<LiveSession, LiveCheckRunner> Runs = new();

    public static LiveCheckRunner Of(LiveSession session) =>
        Runs.GetValue(session, s => new LiveCheckRunner(s, LiveCheckCatalog.Default));
}
