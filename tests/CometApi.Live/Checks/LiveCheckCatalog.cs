namespace CometApi.Live.Checks;

/// <summary>The live checks: each row of contracts/live-checks.json with the code that runs it, in run order.</summary>
public sealed class LiveCheckCatalog
{
    private static readonly ILiveCheck[] Implementations =
    [
        new MinimalRequestCheck(), new UnknownPathCheck(), new UnknownModelCheck(),
        new MissingKeyCheck(), new MalformedKeyCheck(), new RevokedKeyCheck(),
        new MalformedRequestCheck(), new StreamCheck(), new TimeoutCheck(),
        new UsageCheck(), new PongCheck(), new ModelsListCheck(),
    ];

    private static readonly Lazy<LiveCheckCatalog> Loaded = new(() => new LiveCheckCatalog(LiveCheckPlan.Load()));

    /// <summary>The catalog from the repository's contracts/live-checks.json.</summary>
    public static LiveCheckCatalog Default => Loaded.Value;

    /// <exception cref="InvalidOperationException">A row without code, or code without a row.</exception>
    public LiveCheckCatalog(LiveCheckPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        var byId = Implementations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var missing = plan.Checks.Select(d => d.Id).Where(id => !byId.ContainsKey(id)).ToList();
        var unlisted = byId.Keys.Except(plan.Checks.Select(d => d.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unlisted.Count > 0)
            throw new InvalidOperationException($"live checks without code: [{string.Join(", ", missing)}]; code without a row in live-checks.json: [{string.Join(", ", unlisted)}]");
        Entries = plan.Checks.Select(d => (d, byId[d.Id])).ToList();
    }

    public LiveCheckPlan Plan { get; }

    /// <summary>Definition and code, in run order (every dependency before its dependents).</summary>
    public IReadOnlyList<(LiveCheckDefinition Definition, ILiveCheck Check)> Entries { get; }

    public LiveCheckDefinition this[string id] =>
        Entries.FirstOrDefault(e => e.Definition.Id == id).Definition ?? throw new KeyNotFoundException($"no live check '{id}' in live-checks.json");
}
