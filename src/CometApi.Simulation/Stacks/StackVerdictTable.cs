namespace CometApi.Simulation.Stacks;

/// <summary>The verdict matrix as Markdown: one row per stack, one column per rule; for the README and the launch ticket.</summary>
public static class StackVerdictTable
{
    public static string Render(IEnumerable<StackVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var lines = new List<string>
        {
            "| Stack | " + string.Join(" | ", StackRule.All.Select(r => r.Title)) + " |",
            "|---|" + string.Concat(StackRule.All.Select(_ => "---|")),
        };
        lines.AddRange(verdicts.OrderBy(v => v.Stack, StringComparer.Ordinal).Select(v =>
            $"| `{v.Stack}` | " + string.Join(" | ", StackRule.All.Select(rule => Cell(v[rule]))) + " |"));
        return string.Join("\n", lines);
    }

    private static string Cell(RuleVerdict verdict) => verdict.Holds ? "holds" : $"**violated**: {verdict.Evidence!.Replace("|", "\\|", StringComparison.Ordinal)}";
}
