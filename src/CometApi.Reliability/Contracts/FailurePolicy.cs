using CometApi.Reliability.Classification;

namespace CometApi.Reliability.Contracts;

/// <summary>The failure-policy file, validated and made executable: signals in, exactly one class out.</summary>
public sealed class FailurePolicy
{
    private readonly Dictionary<FailureClass, ClassPolicy> _classes;
    private readonly IReadOnlyList<(ClassificationRule Rule, FailureClass Class)> _rules;
    private readonly FailureClass _default;

    private FailurePolicy(FailurePolicyDocument document, Dictionary<FailureClass, ClassPolicy> classes,
        IReadOnlyList<(ClassificationRule, FailureClass)> rules, FailureClass fallbackClass)
    {
        Document = document;
        _classes = classes;
        _rules = rules;
        _default = fallbackClass;
    }

    public FailurePolicyDocument Document { get; }

    public ClassPolicy For(FailureClass value) => _classes[value];

    public PolicyDecision Classify(ResponseSignals signals)
    {
        foreach (var (rule, cls) in _rules)
        {
            if (RuleMatcher.Matches(rule.When, signals))
            {
                return new PolicyDecision(cls, rule.Name, _classes[cls]);
            }
        }

        return new PolicyDecision(_default, "default", _classes[_default]);
    }

    public static FailurePolicy Load(string path) =>
        FromDocument(ContractFileReader.Read(path, ContractJsonContext.Default.FailurePolicyDocument), path);

    /// <summary>
    /// The shared table with one provider's overrides tried first (each marked with the provider, so a decision
    /// and the README say where its rule came from). A provider without an overrides file uses the shared table.
    /// </summary>
    public static FailurePolicy Load(string sharedPath, string overridesPath, string provider)
    {
        var shared = ContractFileReader.Read(sharedPath, ContractJsonContext.Default.FailurePolicyDocument);
        if (!File.Exists(overridesPath)) return FromDocument(shared, sharedPath);
        var overrides = ContractFileReader.Read(overridesPath, ContractJsonContext.Default.FailurePolicyOverrides);
        var merged = shared with { Rules = [.. overrides.Rules.Select(r => r with { Provider = provider }), .. shared.Rules] };
        return FromDocument(merged, $"{sharedPath} with {overridesPath}");
    }

    public static FailurePolicy FromDocument(FailurePolicyDocument document, string origin)
    {
        var problems = new List<string>();
        var classes = new Dictionary<FailureClass, ClassPolicy>();
        foreach (var entry in document.Classes)
        {
            if (!FailureClassNames.TryParse(entry.Class, out var cls))
                problems.Add($"class '{entry.Class}' is not one of: {string.Join(", ", FailureClassNames.All)}");
            else if (!classes.TryAdd(cls, entry))
                problems.Add($"class '{entry.Class}' is listed twice");
            if (string.IsNullOrWhiteSpace(entry.OperatorAction))
                problems.Add($"class '{entry.Class}' has no operatorAction");
        }

        foreach (var missing in Enum.GetValues<FailureClass>().Where(c => !classes.ContainsKey(c)))
            problems.Add($"class '{missing.WireName()}' has no entry");

        if (!FailureClassNames.TryParse(document.DefaultClass, out var fallbackClass))
            problems.Add($"defaultClass '{document.DefaultClass}' is not a known class");

        var rules = new List<(ClassificationRule, FailureClass)>();
        foreach (var rule in document.Rules)
        {
            var where = $"rule '{rule.Name}'";
            if (!FailureClassNames.TryParse(rule.Class, out var cls))
                problems.Add($"{where} selects unknown class '{rule.Class}'");
            if (!EvidenceLevels.All.Contains(rule.Evidence))
                problems.Add($"{where} has evidence '{rule.Evidence}', expected one of: {string.Join(", ", EvidenceLevels.All)}");
            problems.AddRange(RuleMatcher.Validate(rule.When).Select(p => $"{where}: {p}"));
            rules.Add((rule, cls));
        }

        if (problems.Count > 0)
            throw new ContractFileException(origin, string.Join("; ", problems));

        return new FailurePolicy(document, classes, rules, fallbackClass);
    }
}

public sealed record PolicyDecision(FailureClass Class, string RuleName, ClassPolicy Policy);
