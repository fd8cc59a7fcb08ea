namespace CometApi.Reliability.Contracts;

/// <summary>
/// Renders, side by side, how each provider profile answers the mistakes a launch must tell apart, and where its
/// request id is: "compatible APIs have identical error semantics" is one of the checklist's named mistakes. Each cell
/// carries its evidence letter (D documented, O observed, I inferred, R runtime); the last column says whether the
/// providers agree. For the README and the launch ticket.
/// </summary>
public static class ErrorSemanticsTable
{
    public static string Render(IReadOnlyList<ProviderProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var lines = new List<string>
        {
            $"| Mistake | {string.Join(" | ", profiles.Select(p => $"{p.DisplayName} (`{p.Provider}`)"))} | Same everywhere? |",
            $"|---|{string.Concat(profiles.Select(_ => "---|"))}---|",
        };
        foreach (var (name, _) in profiles[0].ErrorSemantics.Rows())
        {
            var cells = profiles.Select(p => p.ErrorSemantics.Rows().Single(r => r.Name == name).Fact).ToList();
            var same = cells.Select(c => c.Value.Status.Length == 0 ? "?" : $"{string.Join(",", c.Value.Status)}|{c.Value.Code}").Distinct().Count() == 1
                && cells.All(c => c.Value.Status.Length > 0);
            lines.Add($"| {name} | {string.Join(" | ", cells.Select(Cell))} | {(same ? "yes" : "**no**")} |");
        }

        var ids = profiles.Select(RequestIdCell).ToList();
        lines.Add($"| request id | {string.Join(" | ", ids)} | {(ids.Distinct().Count() == 1 ? "yes" : "**no**")} |");
        lines.Add($"| live evidence of its own | {string.Join(" | ", profiles.Select(LiveCell))} | - |");
        return string.Join("\n", lines);
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
