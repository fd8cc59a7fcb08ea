using Microsoft.Extensions.Options;

namespace CometApi.Reliability.Configuration;

/// <summary>Startup checks: a client with invalid options never sends anything.</summary>
public sealed class CometApiOptionsValidator : IValidateOptions<CometApiOptions>
{
    public ValidateOptionsResult Validate(string? name, CometApiOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            failures.Add($"No API key: set {CometApiConfiguration.ApiKey} (or {CometApiConfiguration.ApiKeyAlias}) in the environment or user-secrets.");
        if (string.IsNullOrWhiteSpace(options.Model))
            failures.Add($"No model: set {CometApiConfiguration.Model}.");
        CheckEndpoint(options.ChatEndpoint, CometApiConfiguration.ChatEndpoint, failures);
        CheckEndpoint(options.BaseUrl, CometApiConfiguration.BaseUrl, failures);
        if (options.TotalTimeout <= TimeSpan.Zero)
            failures.Add("TotalTimeout must be positive.");
        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.TotalTimeout)
            failures.Add("AttemptTimeout must be positive and no longer than TotalTimeout.");
        if (options.Retry.MaxRetries is < 0 or > 3)
            failures.Add("Retry.MaxRetries must be between 0 and 3: more retries multiply cost.");
        if (options.Retry.BackoffMin < TimeSpan.Zero || options.Retry.BackoffMax < options.Retry.BackoffMin)
            failures.Add("Retry backoff must satisfy 0 <= BackoffMin <= BackoffMax.");
        if (options.MaxResponseBytes < 1024)
            failures.Add("MaxResponseBytes must be at least 1024.");
        if (options.Fallback is { } fallback)
        {
            CheckEndpoint(fallback.ChatEndpoint, CometApiConfiguration.FallbackEndpoint, failures, required: true);
            if (string.IsNullOrWhiteSpace(fallback.ApiKey))
                failures.Add($"The fallback provider has no API key: set {CometApiConfiguration.FallbackApiKey}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(string? value, string variable, List<string> failures, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) failures.Add($"{variable} is required.");
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            failures.Add($"{variable} is not an absolute http(s) URL.");
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            failures.Add($"{variable} uses plain HTTP on a non-loopback host ({uri.Host}): the key would travel unencrypted. Use HTTPS.");
        else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            failures.Add($"{variable} must not carry a query string or user info (secrets belong in headers).");
    }
}

/// <summary>Options failed validation: a startup error that names what to fix and never the secret.</summary>
public sealed class CometApiConfigurationException(IEnumerable<string> failures)
    : Exception("CometAPI client configuration is invalid: " + string.Join(" ", failures))
{
    public IReadOnlyList<string> Failures { get; } = failures.ToList();
}
