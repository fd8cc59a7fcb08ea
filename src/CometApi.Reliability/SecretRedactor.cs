using System.Text.RegularExpressions;

namespace CometApi.Reliability;

/// <summary>Removes secrets from any text the client may surface: excerpts, messages, log values.</summary>
public sealed partial class SecretRedactor(IEnumerable<string?> secrets)
{
    public const string Mask = "[REDACTED]";
    private readonly string[] _secrets = secrets.Where(s => s is { Length: >= 4 }).Select(s => s!).Distinct().ToArray();

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        text = KeyLikeToken().Replace(text, Mask);
        return QueryKey().Replace(text, "${name}" + Mask);
    }

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{8,}")]
    private static partial Regex KeyLikeToken();

    [GeneratedRegex(@"(?<name>[?&](?:key|api_key|apikey|token)=)[^&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex QueryKey();
}
