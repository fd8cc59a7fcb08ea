namespace CometApi.Reliability.Configuration;

/// <summary>
/// Client settings. Bind them with <see cref="CometApiConfiguration.Bind"/> from environment variables or
/// user-secrets; <see cref="CometApiOptionsValidator"/> checks them before anything is sent.
/// </summary>
public sealed class CometApiOptions
{
    /// <summary>The API key. From COMETAPI_API_KEY or COMETAPI_KEY only; never logged, never in <see cref="ToString"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Which variable the key came from, so errors can name it (never the value).</summary>
    public string? ApiKeySource { get; set; }

    /// <summary>Provider base URL, e.g. https://api.cometapi.com/v1. Null: the provider profile's default.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Full chat-completions URL override (COMETAPI_CHAT_ENDPOINT); wins over BaseUrl + profile path.</summary>
    public string? ChatEndpoint { get; set; }

    public string ProviderName { get; set; } = "cometapi";

    public string? Model { get; set; }

    /// <summary>Budget for the whole call: every attempt, backoff and fallback together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Budget for one attempt (for a stream: until its first delta reaches the caller).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public RetrySettings Retry { get; set; } = new();

    /// <summary>
    /// Largest response body read into memory; a larger body is an unknown shape, not an out-of-memory. For a stream,
    /// the most text kept from it: a stream with more is cut there and ends as stream_truncated.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Opt-in: log prompt and completion text. Off by default; the key is redacted either way.</summary>
    public bool LogContent { get; set; }

    /// <summary>Optional secondary OpenAI-compatible provider, used only where the failure policy allows.</summary>
    public FallbackProviderOptions? Fallback { get; set; }

    public override string ToString() =>
        $"CometApiOptions(Provider={ProviderName}, Endpoint={ChatEndpoint ?? BaseUrl ?? "(profile default)"}, Model={Model}, " +
        $"ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "[REDACTED]")}, TotalTimeout={TotalTimeout}, AttemptTimeout={AttemptTimeout}, " +
        $"MaxRetries={Retry.MaxRetries}, Fallback={Fallback?.Name ?? "(none)"})";
}

public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt, for transient classes only. The checklist asks for one.</summary>
    public int MaxRetries { get; set; } = 1;

    public TimeSpan BackoffMin { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMilliseconds(1000);
}

public sealed class FallbackProviderOptions
{
    public string Name { get; set; } = "fallback";

    /// <summary>Full chat-completions URL of the secondary provider.</summary>
    public string ChatEndpoint { get; set; } = "";

    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    public override string ToString() =>
        $"FallbackProviderOptions(Name={Name}, Endpoint={ChatEndpoint}, Model={Model}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "[REDACTED]")})";
}
