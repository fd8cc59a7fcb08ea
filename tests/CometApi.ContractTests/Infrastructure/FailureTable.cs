using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>Renders the failure policy as the README's Markdown table.</summary>
public static class FailureTable
{
    public static string Render(FailurePolicyDocument policy)
    {
        var lines = new List<string>
        {
            "| Class | Checklist row | Retry | Fallback | Selected by | Operator action |",
            "|---|---|---|---|---|---|",
        };
        foreach (var c in policy.Classes)
        {
            var rules = policy.Rules.Where(r => r.Class == c.Class).Select(r => r.Provider is null ? r.Name : $"{r.Name} ({r.Provider} profile)").ToList();
            if (policy.DefaultClass == c.Class) rules.Add("anything no rule matches");
            lines.Add($"| `{c.Class}` | {c.TableRow} | {(c.Retry ? "yes (once by default), if nothing reached the caller" : "no")} | {(c.Fallback ? "if configured and nothing reached the caller" : "no")} | {string.Join("; ", rules)} | {c.OperatorAction} |");
        }

        return string.Join("\n", lines);
    }
}
