using System.Globalization;
using System.Text;

namespace CometApi.Evidence.Xunit;

/// <summary>The evidence bundle written for a person: what a launch ticket links to.</summary>
public static class LaunchTicket
{
    public static string Render(EvidenceBundle bundle, LaunchGate gate)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Launch evidence: {bundle.RunId}");
        md.AppendLine();
        md.AppendLine(inv, $"Generated {bundle.GeneratedAt:u} against **{bundle.Target.Kind}** `{bundle.Target.Endpoint}`{(bundle.Target.Model is null ? "" : $" (model `{bundle.Target.Model}`)")}.");
        if (bundle.Target.RequestBudget is { } budget)
            md.AppendLine(inv, $"Live requests: {bundle.Target.RequestsSent ?? 0} of a budget of {budget}.");
        md.AppendLine();
        md.AppendLine(inv, $"## Gate: {bundle.Gate.Verdict.ToUpperInvariant()}");
        md.AppendLine();
        if (bundle.Gate.Blockers.Count == 0) md.AppendLine("No blockers.");
        foreach (var blocker in bundle.Gate.Blockers) md.AppendLine(inv, $"- [ ] {blocker}");
        md.AppendLine();
        md.AppendLine("## Ticket fields");
        md.AppendLine();
        md.AppendLine("| Field | Value |");
        md.AppendLine("|---|---|");
        foreach (var (field, value) in gate.TicketFields) md.AppendLine(inv, $"| {field} | {Cell(value ?? "**missing**")} |");
        md.AppendLine();
        md.AppendLine("## Documentation evidence");
        md.AppendLine();
        var d = bundle.Documentation;
        md.AppendLine(inv, $"- Docs: {d.Url} ({d.Section}), accessed {d.Accessed}");
        md.AppendLine(inv, $"- API reference: {d.ApiReference}");
        md.AppendLine(inv, $"- Reviewed by: {d.ReviewedBy}");
        md.AppendLine();
        var u = bundle.Usage;
        md.AppendLine(inv, $"## Checks: {u.Passed} passed, {u.Failed} failed, {u.Skipped} skipped");
        md.AppendLine();
        md.AppendLine(inv, $"Attempts: {u.Attempts}; tokens: {u.PromptTokens} prompt, {u.CompletionTokens} completion.");
        md.AppendLine();
        md.AppendLine("| Check | Status | Target | Class | HTTP | Request ids | Attempts | ms |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in bundle.Checks)
        {
            md.AppendLine(inv, $"| `{c.Id}` | {c.Status} | {c.Target} | {c.FailureClass} | {c.HttpStatus} | {Cell(string.Join(", ", c.RequestIds))} | {c.Attempts} | {c.DurationMs:0} |");
        }

        var failures = bundle.Checks.Where(c => c.Status != "passed" && c.Message is not null).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Failed and skipped checks");
            md.AppendLine();
            foreach (var c in failures) md.AppendLine(inv, $"- `{c.Id}` ({c.Status}): {Cell(c.Message!)}");
        }

        return md.ToString().ReplaceLineEndings("\n");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
