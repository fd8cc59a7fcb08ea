using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Live;
using CometApi.Reliability.Contracts;
using CometApi.Simulation.Stacks;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// What the service runs, as the launch ticket names it and the gate judges it: the provider profile the run used,
/// the client stack the service calls it with (and every recorded stack's verdicts, for the matrix), the fallback
/// provider the ticket names and whether it is approved, and the profiles' error semantics side by side. Kept as data
/// in the evidence bundle, so the ticket renders from the bundle alone.
/// </summary>
public sealed record ServiceEvidence(
    ProviderInUse Provider,
    ClientStackInUse ClientStack,
    FallbackProvider? Fallback,
    IReadOnlyList<StackVerdictEvidence> ClientStacks,
    ErrorSemanticsGrid? ErrorSemantics)
{
    /// <summary>
    /// The service of this run: the settings' provider (COMETAPI_PROVIDER) and <paramref name="env"/>'s
    /// COMETAPI_CLIENT_STACK, resolved against <paramref name="repositoryRoot"/>.
    /// </summary>
    public static ServiceEvidence FromEnvironment(LaunchGate gate, LiveSettings settings, Func<string, string?> env, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(env);
        return Resolve(gate, settings.Provider, settings.ProviderProblem, env(ClientStackInUse.Variable), repositoryRoot);
    }

    /// <summary>
    /// Resolves the names against the repository's profiles and recordings. Never throws (the evidence is written when
    /// the run ends, where an exception would lose it): an unknown name or an unreadable file becomes a
    /// <c>Problem</c> that the gate reports as a blocker.
    /// </summary>
    /// <param name="provider">The run's provider (COMETAPI_PROVIDER as the live settings read it).</param>
    /// <param name="providerProblem">Why <paramref name="provider"/> names no profile, as the live settings found; null when it does.</param>
    /// <param name="stack">COMETAPI_CLIENT_STACK; null or blank for <see cref="StackVerdicts.DefaultStack"/>.</param>
    public static ServiceEvidence Resolve(LaunchGate gate, string provider, string? providerProblem, string? stack, string repositoryRoot)
    {
        var contracts = Path.Combine(repositoryRoot, "contracts");
        var profiles = Attempt(() => (IReadOnlyList<ProviderProfile>)ProviderCatalog.Known(contracts).Select(name => ContractSet.Load(contracts, name).Profile).ToList());
        var verdicts = Attempt(() => StackVerdicts.Load(repositoryRoot));
        return Of(gate, provider, providerProblem, stack, profiles, verdicts);
    }

    /// <summary>The service from loaded profiles and verdicts (each with the problem that kept it from loading, if any).</summary>
    internal static ServiceEvidence Of(LaunchGate gate, string provider, string? providerProblem, string? stack,
        Loaded<IReadOnlyList<ProviderProfile>> profiles, Loaded<IReadOnlyDictionary<string, StackVerdict>> verdicts)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var known = profiles.Value ?? [];
        return new ServiceEvidence(
            ProviderOf(provider, providerProblem ?? profiles.Problem, known),
            StackOf(stack, verdicts.Value, verdicts.Problem),
            FallbackOf(gate.FallbackProvider, known, profiles.Problem),
            verdicts.Value is null ? [] : verdicts.Value.Values.OrderBy(v => v.Stack, StringComparer.Ordinal).Select(StackVerdictEvidence.Of).ToList(),
            known.Count == 0 ? null : ErrorSemanticsTable.Grid(known));
    }

    /// <summary>The verdicts of the stack in use; null when it is not recorded.</summary>
    [JsonIgnore]
    public StackVerdictEvidence? VerdictOfStackInUse => ClientStacks.FirstOrDefault(v => v.Stack == ClientStack.Name);

    private static ProviderInUse ProviderOf(string provider, string? problem, IReadOnlyList<ProviderProfile> profiles)
    {
        var profile = profiles.FirstOrDefault(p => p.Provider == provider);
        if (problem is not null || profile is null)
        {
            return new ProviderInUse(provider, null, null, false,
                problem ?? $"no provider profile named '{provider}'; known providers: {string.Join(", ", profiles.Select(p => p.Provider))}");
        }

        var evidence = ProviderEvidence.Of(profile);
        return new ProviderInUse(provider, profile.DisplayName, evidence.Level, evidence.HasLiveEvidence, null);
    }

    private static ClientStackInUse StackOf(string? stack, IReadOnlyDictionary<string, StackVerdict>? verdicts, string? problem)
    {
        var name = string.IsNullOrWhiteSpace(stack) ? StackVerdicts.DefaultStack : stack.Trim();
        if (verdicts is null) return new ClientStackInUse(name, $"the client-stack recordings could not be judged: {problem}");
        var recorded = verdicts.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        return recorded is not null
            ? new ClientStackInUse(recorded, null)
            : new ClientStackInUse(name,
                $"{StackVerdicts.StackVariable}='{name}' names no recorded client stack; known stacks: {string.Join(", ", verdicts.Keys.Order(StringComparer.Ordinal))} (the files of contracts/{StackRecording.FolderName}/)");
    }

    private static FallbackProvider? FallbackOf(string? name, IReadOnlyList<ProviderProfile> profiles, string? problem)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var profile = profiles.FirstOrDefault(p => p.Provider.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (profile is null)
        {
            return new FallbackProvider(name.Trim(), false, null,
                problem ?? $"service.fallbackProvider '{name.Trim()}' names no provider profile; known providers: {string.Join(", ", profiles.Select(p => p.Provider))} (contracts/launch-gate.json)");
        }

        var evidence = ProviderEvidence.Of(profile);
        return new FallbackProvider(profile.Provider, evidence.ApprovedAsFallback, evidence.Level, evidence.Reason);
    }

    private static Loaded<T> Attempt<T>(Func<T> load)
        where T : class
    {
        try
        {
            return new(load(), null);
        }
        catch (Exception ex) when (ex is ContractFileException or InvalidDataException or JsonException or KeyNotFoundException or IOException)
        {
            return new(null, ex.Message);
        }
    }
}

/// <summary>Something loaded from the repository's files, or the problem that kept it from loading.</summary>
internal sealed record Loaded<T>(T? Value, string? Problem)
    where T : class;

/// <param name="Name">The profile name the run used (COMETAPI_PROVIDER).</param>
/// <param name="EvidenceLevel">runtime with a reviewed live run of its own, else the weakest level of its error semantics.</param>
/// <param name="Problem">Why the name cannot be used (it names no profile, or a profile does not load); null when it can.</param>
public sealed record ProviderInUse(string Name, string? DisplayName, string? EvidenceLevel, bool LiveEvidence, string? Problem)
{
    public const string Variable = "COMETAPI_PROVIDER";
}

/// <param name="Name">The stack the service uses (COMETAPI_CLIENT_STACK, default ours).</param>
/// <param name="Problem">Why it cannot be judged (not recorded, or the recordings do not load); null when it can.</param>
public sealed record ClientStackInUse(string Name, string? Problem)
{
    public const string Variable = StackVerdicts.StackVariable;
}

/// <param name="Name">The profile named by service.fallbackProvider in contracts/launch-gate.json.</param>
/// <param name="Approved">Only with live evidence of its own (<see cref="ProviderEvidence.ApprovedAsFallback"/>).</param>
/// <param name="Reason">Why it is or is not approved, or why it names no profile.</param>
public sealed record FallbackProvider(string Name, bool Approved, string? EvidenceLevel, string Reason);

/// <summary>One stack's row of the stack x rule matrix.</summary>
public sealed record StackVerdictEvidence(string Stack, IReadOnlyList<RuleVerdictEvidence> Rules)
{
    public static StackVerdictEvidence Of(StackVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new(verdict.Stack, verdict.Rules.Select(r => new RuleVerdictEvidence(r.Rule.Id, r.Rule.Title, r.Holds, r.Evidence)).ToList());
    }

    /// <summary>Back to the verdict the shared table renders; rules are matched by id.</summary>
    public StackVerdict ToVerdict() => new(Stack, Rules.Select(r =>
        new RuleVerdict(StackRule.All.FirstOrDefault(k => k.Id == r.Rule) ?? new StackRule(r.Rule, r.Title), r.Holds, r.Evidence)).ToList());
}

/// <param name="Rule">The rule's id (<see cref="StackRule.Id"/>).</param>
/// <param name="Evidence">For a violated rule: the first scenario and mode that shows it, and what was seen.</param>
public sealed record RuleVerdictEvidence(string Rule, string Title, bool Holds, string? Evidence);
