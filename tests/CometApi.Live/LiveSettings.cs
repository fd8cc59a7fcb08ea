using System.Globalization;
using CometApi.Simulation;
using CometApi.Live.Support;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;

namespace CometApi.Live;

/// <summary>
/// The live flag and its settings, read once from the environment. Without COMETAPI_LIVE=1 nothing is sent
/// anywhere but the local simulators.
/// </summary>
public sealed record LiveSettings
{
    public const string LiveFlag = "COMETAPI_LIVE";
    public const string SimulateFlag = "COMETAPI_SIMULATE";
    public const string BudgetVariable = "COMETAPI_LIVE_BUDGET";
    public const string MaxTokensVariable = "COMETAPI_LIVE_MAX_TOKENS";
    public const string RevokedKeyVariable = "COMETAPI_REVOKED_KEY";
    public const string RunIdVariable = "COMETAPI_RUN_ID";
    public const string EvidenceDirVariable = "COMETAPI_EVIDENCE_DIR";

    /// <summary>Which provider profile (a folder of contracts/providers/) the live run judges against.</summary>
    public const string ProviderVariable = "COMETAPI_PROVIDER";

    public static LiveSettings Current { get; } = FromEnvironment(Environment.GetEnvironmentVariable);

    public bool Enabled { get; init; }
    public bool Simulate { get; init; }

    /// <summary>The provider profile in use; <see cref="ProviderCatalog.DefaultProvider"/> unless COMETAPI_PROVIDER names another.</summary>
    public string Provider { get; init; } = ProviderCatalog.DefaultProvider;

    /// <summary>
    /// Why <see cref="Provider"/> cannot be used (it names no profile), listing the known ones; null when it can. A live
    /// session refuses to start on it, before anything is sent; reading the settings never throws (offline runs and the
    /// evidence writer read them too).
    /// </summary>
    public string? ProviderProblem { get; init; }
    public string? BaseUrl { get; init; }
    public string? ApiKey { get; init; }
    public string? ApiKeyVariable { get; init; }
    public string? Model { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int Budget { get; init; } = 16;
    public int MaxTokens { get; init; } = 16;
    public string? RevokedKey { get; init; }
    public required string RunId { get; init; }
    public required string EvidenceDir { get; init; }

    public static LiveSettings FromEnvironment(Func<string, string?> env)
    {
        string? Get(string name) => string.IsNullOrWhiteSpace(env(name)) ? null : env(name)!.Trim();
        var keyVariable = Get(CometApiConfiguration.ApiKey) is not null ? CometApiConfiguration.ApiKey
            : Get(CometApiConfiguration.ApiKeyAlias) is not null ? CometApiConfiguration.ApiKeyAlias : null;
        return new LiveSettings
        {
            Enabled = Get(LiveFlag) == "1",
            Simulate = Get(SimulateFlag) == "1",
            Provider = KnownProvider(Get(ProviderVariable)) ?? Get(ProviderVariable)!,
            ProviderProblem = KnownProvider(Get(ProviderVariable)) is null
                ? $"{ProviderVariable}='{Get(ProviderVariable)}' names no provider profile; known providers: {string.Join(", ", ProviderCatalog.Known(RepoPaths.Contracts))} (the folders of contracts/{ProviderCatalog.FolderName}/)"
                : null,
            BaseUrl = Get(CometApiConfiguration.BaseUrl),
            ApiKey = keyVariable is null ? null : Get(keyVariable),
            ApiKeyVariable = keyVariable,
            Model = Get(CometApiConfiguration.Model),
            Timeout = Get(CometApiConfiguration.TimeoutSeconds) is { } t ? TimeSpan.FromSeconds(double.Parse(t, CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(30),
            Budget = Get(BudgetVariable) is { } b ? int.Parse(b, CultureInfo.InvariantCulture) : 16,
            MaxTokens = Get(MaxTokensVariable) is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : 16,
            RevokedKey = Get(RevokedKeyVariable),
            RunId = Get(RunIdVariable) ?? $"local-{DateTime.UtcNow:yyyyMMdd-HHmmss}",
            EvidenceDir = Get(EvidenceDirVariable) ?? Path.Combine(RepoPaths.Root, "artifacts", "evidence"),
        };
    }

    /// <summary>The profile folder <paramref name="name"/> names (matched without regard to case); null when none does.</summary>
    private static string? KnownProvider(string? name) =>
        name is null ? ProviderCatalog.DefaultProvider
            : ProviderCatalog.Known(RepoPaths.Contracts).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        $"LiveSettings(Enabled={Enabled}, Simulate={Simulate}, Provider={Provider}, BaseUrl={BaseUrl}, Model={Model}, Key={(ApiKey is null ? "(none)" : "[REDACTED]")}, Budget={Budget}, MaxTokens={MaxTokens})";
}
