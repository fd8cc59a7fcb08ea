namespace CometApi.Reliability.Contracts;

/// <summary>
/// Renders, side by side, how each provider profile answers the mistakes a launch must tell apart, and where its
/// request id is: "compatible APIs have identical error semantics" is one of the checklist's named mistakes. Each cell
/// carries its evidence letter (D documented, O observed, I inferred, R runtime); the last column says whether the
/// providers agree. For the README and the launch ticket (which keeps the <see cref="ErrorSemanticsGrid"/> as data in
/// its evidence bundle and renders it here, so both read the same).
/// </summary>
public static class ErrorSemanticsTable
{
    public static string Render(IReadOnlyList<ProviderProfile> profiles) => Render(Grid(profiles));

    public static string Render(ErrorSemanticsGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var lines = new List<string>
        {
            $"| Mistake | {string.Join(" | ", grid.Providers.Select(p => $"{p.DisplayName} (`{p.Provider}`)"))} | Same everywhere? |",
            $"|---|{string.Concat(grid.Providers.Select(_ => "---|"))}---|",
        };
        lines.AddRange(grid.Rows.Select(r =>
            $"| {r.Mistake} | {string.Join(" | ", r.Cells)} | {r.Same switch { true => "yes", false => "**no**", null => "-" }} |"));
        return string.Join("\n", lines);
    }

    /// <summary>The table as data: one column per profile, one row per mistake, then request id and live evidence.</summary>
    public static ErrorSemanticsGrid Grid(IReadOnlyList<ProviderProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var rows = new List<ErrorSemanticsRow>();
        foreach (var (name, _) in profiles[0].ErrorSemantics.Rows())
        {
            var cells = profiles.Select(p => p.ErrorSemantics.Rows().Single(r => r.Name == name).Fact).ToList();
            var same = cells.Select(c => c.Value.Status.Length == 0 ? "?" : $"{string.Join(",", c.Value.Status)}|{c.Value.Code}").Distinct().Count() == 1
                && cells.All(c => c.Value.Status.Length > 0);
            rows.Add(new ErrorSemanticsRow(name, cells.Select(Cell).ToList(), same));
        }

        var ids = profiles.Select(RequestIdCell).ToList();
        rows.Add(new ErrorSemanticsRow("request id", ids, ids.Distinct().Count() == 1));
        rows.Add(new ErrorSemanticsRow("live evidence of its own", profiles.Select(LiveCell).ToList(), null));
        return new ErrorSemanticsGrid(profiles.Select(p => new ErrorSemanticsColumn(p.Provider, p.DisplayName)).ToList(), rows);
    }

    private static string Cell(Fact<ErrorAnswer> fact) => $"{fact.Value} ({EvidenceLevels.Letter(fact.Evidence)})";

    private static string RequestIdCell(ProviderProfile p)
    {
        var headers = $"header {string.Join(" or ", p.RequestIdHeaders.Value.Select(h => $"`{h}`"))} ({EvidenceLevels.Letter(p.RequestIdHeaders.Evidence)})";
        return p.RequestIdInErrorMessage is { } inMessage
            ? $"{headers}; inside `error.message` ({EvidenceLevels.Letter(inMessage.Evidence)})"
            : $"{headers}; not in the message";
    }

    private static string LiveCell(ProviderProfile p)
    {
        var evidence = ProviderEvidence.Of(p);
        return evidence.HasLiveEvidence
            ? $"yes: {string.Join(", ", evidence.LiveRuns.Select(r => $"{r.RunId} ({r.Date})"))}"
            : "none: not approved as a fallback";
    }
}

/// <summary>The error-semantics comparison as data: a column per provider profile.</summary>
public sealed record ErrorSemanticsGrid(IReadOnlyList<ErrorSemanticsColumn> Providers, IReadOnlyList<ErrorSemanticsRow> Rows);

public sealed record ErrorSemanticsColumn(string Provider, string DisplayName);

/// <param name="Mistake">The row's name: a mistake (malformed request, unknown model, ...), request id, or live evidence.</param>
/// <param name="Cells">One Markdown cell per provider, in the order of the grid's columns.</param>
/// <param name="Same">Whether every provider answers alike; null where the question does not apply.</param>
public sealed record ErrorSemanticsRow(string Mistake, IReadOnlyList<string> Cells, bool? Same);
