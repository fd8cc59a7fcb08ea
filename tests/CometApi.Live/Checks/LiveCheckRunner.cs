namespace CometApi.Live.Checks;

/// <summary>
/// Runs the catalog against one session, once, in run order: a check whose dependency failed in a way that
/// concerns it is blocked (it sends nothing, spends nothing, and names the failed check and its cause); a check
/// the budget cannot cover, or that needs a revoked key the run lacks, is not run.
/// </summary>
public sealed class LiveCheckRunner(LiveSession session, LiveCheckCatalog catalog)
{
    private readonly Lazy<Task<IReadOnlyDictionary<string, LiveCheckResult>>> _run = new(() => RunAllAsync(session, catalog));

    /// <summary>Every check's result; the first caller starts the run, later callers share it.</summary>
    public Task<IReadOnlyDictionary<string, LiveCheckResult>> ResultsAsync() => _run.Value;

    public async Task<LiveCheckResult> ResultAsync(string id)
    {
        var results = await ResultsAsync().ConfigureAwait(false);
        return results.TryGetValue(id, out var result) ? result : throw new KeyNotFoundException($"no live check '{id}' in live-checks.json");
    }

    private static async Task<IReadOnlyDictionary<string, LiveCheckResult>> RunAllAsync(LiveSession session, LiveCheckCatalog catalog)
    {
        var results = new Dictionary<string, LiveCheckResult>(StringComparer.Ordinal);
        foreach (var (definition, check) in catalog.Entries)
            results[definition.Id] = await RunOneAsync(session, catalog.Plan, definition, check, results).ConfigureAwait(false);
        return results;
    }

    private static async Task<LiveCheckResult> RunOneAsync(LiveSession session, LiveCheckPlan plan, LiveCheckDefinition definition, ILiveCheck check,
        IReadOnlyDictionary<string, LiveCheckResult> earlier)
    {
        if (Blocker(plan, definition, earlier) is { } blocked) return blocked;
        if (definition.NeedsRevokedKey && session.RevokedKey is null)
            return NotRun(definition, $"set {LiveSettings.RevokedKeyVariable} to a revoked test key to run this check");
        if (session.Budget.Remaining < definition.Requests)
            return NotRun(definition, $"live request budget exhausted ({session.Budget.Spent} of {session.Budget.Limit} spent); raise {LiveSettings.BudgetVariable}");

        var spentBefore = session.Budget.Spent;
        using var context = new LiveCheckContext(definition, session);
        LiveCheckResult result;
        try
        {
            result = await check.RunAsync(context, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A check that throws (the budget refused a request, a transport broke outside the client) fails itself, with the whole story.
            result = context.Fail("check-error", $"{definition.Id}: {e.GetType().Name}: {e.Message}");
        }

        return result with { RequestsSpent = session.Budget.Spent - spentBefore };
    }

    /// <summary>The blocked result when a dependency's failure concerns this check (or the dependency was itself blocked).</summary>
    private static LiveCheckResult? Blocker(LiveCheckPlan plan, LiveCheckDefinition definition, IReadOnlyDictionary<string, LiveCheckResult> earlier)
    {
        foreach (var dependency in definition.DependsOn.Select(d => earlier[d]))
        {
            var blocks = dependency.Status switch
            {
                LiveCheckStatus.Blocked => true,
                LiveCheckStatus.Failed => definition.Needs == LiveCheckDefinition.NeedsAnswer || plan.BlockingClasses.Contains(dependency.Cause ?? ""),
                _ => false,
            };
            if (!blocks) continue;
            var by = dependency.BlockedBy ?? dependency.Id;
            return new LiveCheckResult
            {
                Id = definition.Id,
                Status = LiveCheckStatus.Blocked,
                BlockedBy = by,
                Cause = dependency.Cause,
                Message = dependency.Status == LiveCheckStatus.Blocked ? dependency.Message : $"{by} failed ({dependency.Cause}): {dependency.Message}",
            };
        }

        return null;
    }

    private static LiveCheckResult NotRun(LiveCheckDefinition definition, string reason) =>
        new() { Id = definition.Id, Status = LiveCheckStatus.NotRun, Message = reason };
}
