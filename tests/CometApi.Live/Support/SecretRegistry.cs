using System.Collections.Concurrent;
using CometApi.Reliability;

namespace CometApi.Live.Support;

/// <summary>Every key a test run used, so evidence writing can redact them and the secret scan can look for them.</summary>
public static class SecretRegistry
{
    private static readonly ConcurrentDictionary<string, byte> Secrets = new();

    public static string Register(string secret)
    {
        Secrets.TryAdd(secret, 0);
        return secret;
    }

    public static IReadOnlyCollection<string> All => [.. Secrets.Keys, LeakMarkers.PromptMarker];

    /// <summary>Redacts every registered key and the prompt marker.</summary>
    public static string Redact(string text) =>
        new SecretRedactor(All).Redact(text).Replace(LeakMarkers.PromptMarker, SecretRedactor.Mask, StringComparison.Ordinal);
}
