using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CometApi.Simulation.Recording;

/// <summary>
/// Makes a raw answer safe and stable to commit. The key and the prompt are never written; request ids, ids,
/// <c>created</c> timestamps, fingerprints and generated text become stable placeholders (the same original value gets
/// the same placeholder within one recording, so the chunks of a stream still share their id). Text the caller
/// declares expected (the scenario's output, e.g. <c>pong</c>) may stay: it is the check's pass condition, not data.
/// </summary>
public sealed partial class Scrubber
{
    public const string RedactedKey = "[redacted-key]";
    public const string RedactedPrompt = "[redacted-prompt]";
    public const string GeneratedText = "[generated-text]";
    public const string RequestIdPrefix = "req-recorded-";
    public const string IdPrefix = "id-recorded-";
    public const string Fingerprint = "fp_recorded";
    public const long Created = 1700000000;

    /// <summary>A key's first characters: enough to find a provider's masked echo (<c>sk-abcd****wxyz</c>) of it.</summary>
    private const int KeyPrefixLength = 8;

    private const int MinimumLiteralLength = 6;

    private static readonly string[] GeneratedTextFields = ["content", "refusal", "reasoning_content", "text"];

    private readonly string _key;
    private readonly IReadOnlyList<string> _prompts;
    private readonly IReadOnlyList<string> _keptText;

    /// <param name="key">The API key the run used (never written).</param>
    /// <param name="prompts">The prompt texts sent (never written).</param>
    /// <param name="keptText">Generated text allowed to stay as it is (and any piece of it, for stream deltas).</param>
    public Scrubber(string key, IEnumerable<string> prompts, IEnumerable<string>? keptText = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(prompts);
        _key = key;
        _prompts = prompts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        _keptText = keptText?.Where(t => t.Length > 0).ToList() ?? [];
    }

    /// <summary>Request-id response headers: their values are replaced everywhere they appear.</summary>
    public static bool IsRequestIdHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        return lower is "x-request-id" or "x-oneapi-request-id" or "request-id" or "openai-request-id" or "cf-ray";
    }

    /// <summary>The scrubbed copy of <paramref name="raw"/>, keeping only the headers that matter.</summary>
    public RecordedAnswer Scrub(RecordedAnswer raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in raw.Headers.Where(h => IsRequestIdHeader(h.Key)))
            Placeholder(originals, value, RequestIdPrefix);

        foreach (var text in new[] { raw.Body }.Concat(raw.Events ?? []).OfType<string>())
        foreach (Match match in RequestIdInMessage().Matches(text))
            Placeholder(originals, match.Groups["id"].Value, RequestIdPrefix);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in raw.Headers.Where(h => RecordedAnswer.HeadersThatMatter(h.Key)))
            headers[name.ToLowerInvariant()] = Text(value, originals);

        return raw with
        {
            Headers = headers,
            Body = raw.Body is null ? null : Payload(raw.Body, originals),
            Events = raw.Events?.Select(e => Payload(e, originals)).ToList(),
        };
    }

    /// <summary>The secrets and originals still present in <paramref name="written"/>; empty when it is safe to write.</summary>
    public IReadOnlyList<string> Leaks(string written, RecordedAnswer raw)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(raw);
        var leaks = new List<string>();
        if (written.Contains(_key, StringComparison.Ordinal) || written.Contains(KeyPrefix, StringComparison.Ordinal)) leaks.Add("the key");
        leaks.AddRange(_prompts.Where(p => written.Contains(p, StringComparison.Ordinal)).Select(_ => "the prompt"));
        leaks.AddRange(raw.Headers.Where(h => IsRequestIdHeader(h.Key) && h.Value.Length > 0 && written.Contains(h.Value, StringComparison.Ordinal))
            .Select(h => $"the request id of {h.Key}"));
        return leaks;
    }

    private string KeyPrefix => _key.Length > KeyPrefixLength ? _key[..KeyPrefixLength] : _key;

    private string Payload(string text, Dictionary<string, string> originals)
    {
        if (JsonText.TryParse(text) is { } element && JsonNode.Parse(element.GetRawText()) is JsonObject root)
        {
            Structured(root, originals, parentKey: null);
            return Text(root.ToJsonString(), originals);
        }

        return Text(text, originals);
    }

    // Ids, timestamps, fingerprints and generated text by field name, anywhere in the document.
    private void Structured(JsonNode node, Dictionary<string, string> originals, string? parentKey)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[name] = name switch
                        {
                            "id" when text.Length > 0 => Placeholder(originals, text, IdPrefix),
                            "system_fingerprint" => Fingerprint,
                            _ when GeneratedTextFields.Contains(name) && parentKey != "error" && text.Length > 0 && !IsKept(text) => GeneratedText,
                            _ => Text(text, originals), // unescaped here: a prompt with quotes is found too
                        };
                    }
                    else if (child is JsonValue number && name == "created" && number.TryGetValue<long>(out _))
                    {
                        obj[name] = Created;
                    }
                    else if (child is not null)
                    {
                        Structured(child, originals, name);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                    Structured(item, originals, parentKey);
                break;
        }
    }

    private bool IsKept(string text) => _keptText.Any(k => k.Contains(text, StringComparison.Ordinal));

    // Every remaining occurrence, in any string: the originals (longest first), the key and its masked echoes, the prompts.
    private string Text(string text, Dictionary<string, string> originals)
    {
        // Short originals (an id "1") would hit unrelated text; the structured pass already replaced them in place.
        foreach (var (original, placeholder) in originals.Where(o => o.Key.Length >= MinimumLiteralLength).OrderByDescending(o => o.Key.Length))
            text = text.Replace(original, placeholder, StringComparison.Ordinal);
        text = text.Replace(_key, RedactedKey, StringComparison.Ordinal);
        text = Regex.Replace(text, Regex.Escape(KeyPrefix) + @"[^\s""'&,;)]*", RedactedKey);
        foreach (var prompt in _prompts)
            text = text.Replace(prompt, RedactedPrompt, StringComparison.Ordinal);
        return text;
    }

    private static string Placeholder(Dictionary<string, string> originals, string original, string prefix)
    {
        if (originals.TryGetValue(original, out var existing)) return existing;
        var placeholder = $"{prefix}{originals.Count(o => o.Value.StartsWith(prefix, StringComparison.Ordinal)) + 1:D4}";
        originals[original] = placeholder;
        return placeholder;
    }

    [GeneratedRegex(@"request id: (?<id>[^)\s,;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RequestIdInMessage();
}
