using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CometApi.Reliability.Configuration;

/// <summary>Reads <see cref="CometApiOptions"/> from configuration keys named like the environment variables.</summary>
public static class CometApiConfiguration
{
    public const string ApiKey = "COMETAPI_API_KEY";
    public const string ApiKeyAlias = "COMETAPI_KEY";
    public const string BaseUrl = "COMETAPI_BASE_URL";
    public const string ChatEndpoint = "COMETAPI_CHAT_ENDPOINT";
    public const string Model = "COMETAPI_MODEL";
    public const string TimeoutSeconds = "COMETAPI_TIMEOUT_SECONDS";
    public const string AttemptTimeoutSeconds = "COMETAPI_ATTEMPT_TIMEOUT_SECONDS";
    public const string MaxRetries = "COMETAPI_MAX_RETRIES";
    public const string LogContent = "COMETAPI_LOG_CONTENT";
    public const string FallbackEndpoint = "COMETAPI_FALLBACK_CHAT_ENDPOINT";
    public const string FallbackApiKey = "COMETAPI_FALLBACK_API_KEY";
    public const string FallbackModel = "COMETAPI_FALLBACK_MODEL";
    public const string FallbackName = "COMETAPI_FALLBACK_NAME";

    public static CometApiOptions Bind(IConfiguration configuration)
    {
        var options = new CometApiOptions();
        var (key, source) = FirstSet(configuration, ApiKey, ApiKeyAlias);
        options.ApiKey = key;
        options.ApiKeySource = source;
        options.BaseUrl = Value(configuration, BaseUrl);
        options.ChatEndpoint = Value(configuration, ChatEndpoint);
        options.Model = Value(configuration, Model);
        if (Seconds(configuration, TimeoutSeconds) is { } total) options.TotalTimeout = total;
        if (Seconds(configuration, AttemptTimeoutSeconds) is { } attempt) options.AttemptTimeout = attempt;
        else if (Seconds(configuration, TimeoutSeconds) is { } t && t < options.AttemptTimeout) options.AttemptTimeout = t;
        if (Value(configuration, MaxRetries) is { } retries)
            options.Retry.MaxRetries = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : throw NotANumber(MaxRetries);
        options.LogContent = string.Equals(Value(configuration, LogContent), "true", StringComparison.OrdinalIgnoreCase)
            || Value(configuration, LogContent) == "1";
        if (Value(configuration, FallbackEndpoint) is { } fallback)
        {
            options.Fallback = new FallbackProviderOptions
            {
                ChatEndpoint = fallback,
                ApiKey = Value(configuration, FallbackApiKey),
                Model = Value(configuration, FallbackModel),
                Name = Value(configuration, FallbackName) ?? "fallback",
            };
        }

        return options;
    }

    private static (string? Value, string? Key) FirstSet(IConfiguration configuration, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (Value(configuration, key) is { } value) return (value, key);
        }

        return (null, null);
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static TimeSpan? Seconds(IConfiguration configuration, string key) =>
        Value(configuration, key) is not { } s ? null
        : double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds)
        : throw NotANumber(key);

    /// <summary>Names the setting, never its value: a key pasted into the wrong variable must not reach a log through the error.</summary>
    private static CometApiConfigurationException NotANumber(string key) =>
        new([$"{key} is not a number (its value is not shown: it may be a secret set in the wrong variable)."]);
}
