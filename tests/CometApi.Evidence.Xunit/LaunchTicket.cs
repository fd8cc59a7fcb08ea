using System.Globalization;
using System.Text;
using CometApi.Reliability.Contracts;
using CometApi.Simulation.Stacks;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// The evidence bundle written for a person, in the order an operator reads it: the gate and its reasons, one row
/// per checklist section, the live checks with what each observed, every failure with its whole message, the
/// provider, fallback and client stack (with the stack x rule matrix and the profiles' error semantics), then the
/// ticket fields and the per-test simulated rows folded away. It is also the GitHub job summary, so every table
/// cell is escaped (no raw '|', no stray HTML, no line breaks) and multi-line messages are code blocks.
/// </summary>
public static class LaunchTicket
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(EvidenceBundle bundle, LaunchGate gate, IReadOnlyList<ChecklistSection>? sections = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(gate);
        sections ??= ChecklistSections.Load();
        var md = new StringBuilder();
        Header(md, bundle);
        Gate(md, bundle.Gate);
        Sections(md, bundle, sections);
        LiveChecks(md, bundle);
        Failures(md, bundle);
        Service(md, bundle.Service, gate);
        TicketFields(md, bundle, gate);
        SimulatedRows(md, bundle);
        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void Header(StringBuilder md, EvidenceBundle bundle)
    {
        var t = bundle.Target;
        md.AppendLine(Inv, $"# Launch ticket: {Text(bundle.RunId)}");
        md.AppendLine();
        md.AppendLine(Inv, $"Generated {bundle.GeneratedAt:u} against **{t.Kind}** {Code(t.Endpoint)}{(t.Model is null ? "" : $" (model {Code(t.Model)})")}.");
        if (t.RequestBudget is { } budget) md.AppendLine(Inv, $"Live requests: {t.RequestsSent ?? 0} of a budget of {budget}.");
        var s = bundle.Service;
        md.AppendLine(Inv, $"Provider profile {Code(s.Provider.Name)}; client stack {Code(s.ClientStack.Name)}; fallback provider {(s.Fallback is null ? "none named" : Code(s.Fallback.Name))}.");
        md.AppendLine();
    }

    private static void Gate(StringBuilder md, GateVerdict gate)
    {
        md.AppendLine(Inv, $"## Gate: {gate.Verdict.ToUpperInvariant()}");
        md.AppendLine();
        if (gate.Blockers.Count == 0) md.AppendLine("No blockers.");
        foreach (var blocker in gate.Blockers) md.AppendLine(Inv, $"- [ ] {Text(blocker)}");
        md.AppendLine();
    }

    private static void Sections(StringBuilder md, EvidenceBundle bundle, IReadOnlyList<ChecklistSection> sections)
    {
        md.AppendLine("## Checklist sections");
        md.AppendLine();
        md.AppendLine("| ID | Section | Pass condition | Live | Simulated | Failed | Blocked | Inconclusive | Skipped |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in sections)
        {
            var checks = bundle.Checks.Where(c => c.Section == s.Id).ToList();
            int Count(Func<EvidenceCheck, bool> p) => checks.Count(p);
            md.AppendLine(Inv,
                $"| {s.Id} | {Cell(s.Section)} | {Cell(s.PassCondition)} " +
                $"| {Count(c => c.Status == EvidenceStatus.Passed && EvidenceTargets.IsLive(c.Target))} " +
                $"| {Count(c => c.Status == EvidenceStatus.Passed && !EvidenceTargets.IsLive(c.Target))} " +
                $"| {Count(c => c.Status == EvidenceStatus.Failed)} | {Count(c => c.Status == EvidenceStatus.Blocked)} " +
                $"| {Count(c => c.Status == EvidenceStatus.Inconclusive)} | {Count(c => c.Status == EvidenceStatus.Skipped)} |");
        }

        var u = bundle.Usage;
        md.AppendLine();
        md.AppendLine(Inv, $"{u.Checks} checks: {u.Passed} passed, {u.Failed} failed, {u.Blocked} blocked, {u.Inconclusive} inconclusive, {u.Skipped} skipped. " +
            $"Attempts: {u.Attempts}; tokens: {u.PromptTokens} prompt, {u.CompletionTokens} completion. Live counts passed checks run against a live or live-simulated target.");
        md.AppendLine();
    }

    private static void LiveChecks(StringBuilder md, EvidenceBundle bundle)
    {
        var live = bundle.Checks.Where(c => EvidenceTargets.IsLive(c.Target)).ToList();
        md.AppendLine(Inv, $"## Live checks ({live.Count})");
        md.AppendLine();
        if (live.Count == 0)
        {
            md.AppendLine("No check ran against a live target in this run.");
            md.AppendLine();
            return;
        }

        md.AppendLine("| Check | Status | Target | HTTP | Media type | Request id found in | Usage | Notable headers | ms |");
        md.AppendLine("|---|---|---|---:|---|---|---|---|---:|");
        foreach (var c in live)
        {
            var o = c.Observations;
            var usage = o?.UsagePresent switch { true => "present", false => "absent", null => "" };
            var headers = o is null ? "" : string.Join(", ", o.NotableHeaders.Select(h => $"{h.Key}: {h.Value}"));
            md.AppendLine(Inv,
                $"| {CodeCell(c.Id)} | {c.Status} | {c.Target} | {o?.HttpStatus ?? c.HttpStatus} | {Cell(o?.MediaType ?? "")} " +
                $"| {Cell(o?.RequestIdFoundIn ?? "")} | {usage} | {Cell(headers)} | {(o?.DurationMs ?? c.DurationMs).ToString("0", Inv)} |");
        }

        md.AppendLine();
    }

    private static void Failures(StringBuilder md, EvidenceBundle bundle)
    {
        var failures = bundle.Checks
            .Where(c => c.Status is EvidenceStatus.Failed or EvidenceStatus.Blocked or EvidenceStatus.Inconclusive).ToList();
        md.AppendLine(Inv, $"## Failed, blocked and inconclusive checks ({failures.Count})");
        md.AppendLine();
        if (failures.Count == 0)
        {
            md.AppendLine("None.");
            md.AppendLine();
            return;
        }

        foreach (var c in failures)
        {
            md.AppendLine(Inv, $"### {Code(c.Id)}: {c.Status}");
            md.AppendLine();
            var facts = new List<string> { $"target {c.Target}", $"test {Code(c.Test)}" };
            if (c.BlockedBy is not null) facts.Add($"blocked by {Code(c.BlockedBy)}");
            if (c.FailureClass is not null) facts.Add($"class {Text(c.FailureClass)}");
            if (c.HttpStatus is { } status) facts.Add($"HTTP {status}");
            md.AppendLine(string.Join("; ", facts));
            md.AppendLine();
            if (c.Message is { } message) CodeBlock(md, message);
        }
    }

    private static void Service(StringBuilder md, ServiceEvidence service, LaunchGate gate)
    {
        md.AppendLine("## Provider, fallback and client stack");
        md.AppendLine();
        md.AppendLine("| Field | Value |");
        md.AppendLine("|---|---|");
        var p = service.Provider;
        md.AppendLine(Inv, $"| Provider profile ({Code(ProviderInUse.Variable)}) | {(p.Problem is { } problem ? $"{CodeCell(p.Name)}: **unknown**: {Cell(problem)}" : ProviderCell(p))} |");
        md.AppendLine(Inv, $"| Client stack ({Code(ClientStackInUse.Variable)}) | {StackCell(service, gate)} |");
        md.AppendLine(Inv, $"| Fallback provider (service.fallbackProvider) | {FallbackCell(service.Fallback)} |");
        md.AppendLine();

        md.AppendLine("### Client stacks: verdict per rule");
        md.AppendLine();
        if (service.ClientStacks.Count == 0)
        {
            md.AppendLine("No client-stack recording could be judged.");
        }
        else
        {
            md.AppendLine(Inv, $"Judged from the reviewed recordings `contracts/clients/<stack>.json`; the service uses {Code(service.ClientStack.Name)}, and the gate requires it to hold: {string.Join(", ", gate.ClientStackMustHold.Select(Code))}.");
            md.AppendLine();
            md.AppendLine(StackVerdictTable.Render(service.ClientStacks.Select(v => v.ToVerdict())));
        }

        md.AppendLine();
        md.AppendLine("### Error semantics of the provider profiles");
        md.AppendLine();
        if (service.ErrorSemantics is { } grid)
        {
            md.AppendLine("\"Compatible APIs have identical error semantics\" is one of the checklist's named mistakes. Evidence letters: D documented, O observed, I inferred, R runtime.");
            md.AppendLine();
            md.AppendLine(ErrorSemanticsTable.Render(grid));
        }
        else
        {
            md.AppendLine("No provider profile could be loaded.");
        }

        md.AppendLine();
    }

    private static string ProviderCell(ProviderInUse p) =>
        $"{Cell(p.DisplayName ?? p.Name)} ({CodeCell(p.Name)}); evidence level {Cell(p.EvidenceLevel ?? "unknown")}" +
        (p.LiveEvidence ? "; live evidence of its own" : "; no live evidence of its own");

    private static string StackCell(ServiceEvidence service, LaunchGate gate)
    {
        var stack = service.ClientStack;
        if (stack.Problem is { } problem) return $"{CodeCell(stack.Name)}: **unknown**: {Cell(problem)}";
        var violated = service.VerdictOfStackInUse?.Rules.Where(r => !r.Holds && gate.ClientStackMustHold.Contains(r.Rule)).ToList() ?? [];
        return violated.Count == 0
            ? $"{CodeCell(stack.Name)}: holds every rule the gate requires"
            : $"{CodeCell(stack.Name)}: **violates** {string.Join(", ", violated.Select(r => CodeCell(r.Rule)))}";
    }

    private static string FallbackCell(FallbackProvider? fallback) => fallback switch
    {
        null => "none named",
        { Approved: true } => $"{CodeCell(fallback.Name)}: approved (evidence level {Cell(fallback.EvidenceLevel ?? "unknown")}): {Cell(fallback.Reason)}",
        _ => $"{CodeCell(fallback.Name)}: **not approved**{(fallback.EvidenceLevel is null ? "" : $" (evidence level {Cell(fallback.EvidenceLevel)})")}: {Cell(fallback.Reason)}",
    };

    private static void TicketFields(StringBuilder md, EvidenceBundle bundle, LaunchGate gate)
    {
        md.AppendLine("## Ticket fields");
        md.AppendLine();
        md.AppendLine("| Field | Value |");
        md.AppendLine("|---|---|");
        foreach (var (field, value) in gate.TicketFields) md.AppendLine(Inv, $"| {Cell(field)} | {(value is null ? "**missing**" : Cell(value))} |");
        md.AppendLine();
        var d = bundle.Documentation;
        md.AppendLine("## Documentation evidence");
        md.AppendLine();
        md.AppendLine(Inv, $"- Docs: {Text(d.Url)} ({Text(d.Section)}), accessed {Text(d.Accessed)}");
        md.AppendLine(Inv, $"- API reference: {Text(d.ApiReference)}");
        md.AppendLine(Inv, $"- Reviewed by: {Text(d.ReviewedBy)}");
        md.AppendLine();
    }

    private static void SimulatedRows(StringBuilder md, EvidenceBundle bundle)
    {
        var rows = bundle.Checks.Where(c => !EvidenceTargets.IsLive(c.Target)).ToList();
        md.AppendLine("<details>");
        md.AppendLine(Inv, $"<summary>Simulated and offline checks, one row per test ({rows.Count})</summary>");
        md.AppendLine();
        md.AppendLine("| Check | Status | Class | HTTP | Request ids | Attempts | ms |");
        md.AppendLine("|---|---|---|---:|---|---:|---:|");
        foreach (var c in rows)
        {
            md.AppendLine(Inv,
                $"| {CodeCell(c.Id)} | {c.Status} | {Cell(c.FailureClass ?? "")} | {c.HttpStatus} | {Cell(string.Join(", ", c.RequestIds))} | {c.Attempts} | {c.DurationMs.ToString("0", Inv)} |");
        }

        md.AppendLine();
        md.AppendLine("</details>");
    }

    /// <summary>A fenced block longer than any backtick run inside, so no message can close it early.</summary>
    private static void CodeBlock(StringBuilder md, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var ch in text)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.AppendLine(Inv, $"{fence}text");
        md.AppendLine(text.ReplaceLineEndings("\n"));
        md.AppendLine(fence);
        md.AppendLine();
    }

    /// <summary>Text outside code: '&amp;', '&lt;' and '&gt;' escaped, so a provider's "&lt;html&gt;" or "&lt;null&gt;" stays visible.</summary>
    private static string Text(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A code span: entities are not decoded there, so only a backtick (which would end it) is replaced.</summary>
    private static string Code(string text) => "`" + text.Replace('`', '\'').ReplaceLineEndings(" ") + "`";

    /// <summary>A table cell: escaped text, '|' escaped (GitHub splits cells on it even inside code), one line.</summary>
    internal static string Cell(string text) => Pipes(Text(text).ReplaceLineEndings("<br>"));

    private static string CodeCell(string text) => Pipes(Code(text));

    private static string Pipes(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
