using System.Net.Http.Headers;
using System.Text;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// What the client keeps of a response for debugging (<see cref="ResponseMetadata"/>): chosen headers, the
/// provider's request id, the error's code, type and message, and for a failure a capped body excerpt. All redacted.
/// </summary>
internal sealed class MetadataReader(ProviderProfile profile, SecretRedactor redactor)
{
    private const int ExcerptChars = 512;

    private static readonly HashSet<string> KeptHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "x-request-id", "x-oneapi-request-id", "retry-after", "retry-after-ms", "location",
        "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", "x-should-retry",
    };

    private readonly RequestIdReader _requestIds = new(profile);

    /// <summary>The metadata of a response, its excerpt the error message (if any).</summary>
    public ResponseMetadata Read(HttpResponseMessage response, ErrorDetail? error)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Keep(response.Headers.NonValidated, headers);
        // Of the content headers only the type is kept: looked up alone, so Content-Length (already parsed, and then
        // read under a lock by an enumeration) is not touched again.
        if (response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var type))
            headers["content-type"] = redactor.Redact(type.ToString());

        // Everything kept comes from the provider, which may echo the key anywhere: redact each value, not only the message.
        var message = Redacted(error?.Message);
        return new ResponseMetadata(
            (int)response.StatusCode,
            Redacted(_requestIds.Read(response.Headers, message)),
            headers,
            message,
            Redacted(error?.CodeText),
            Redacted(error?.Type));
    }

    /// <summary>A failure quotes its body (capped, redacted) instead of the error message alone.</summary>
    public ResponseMetadata WithExcerpt(ResponseMetadata metadata, ReadOnlyMemory<byte> body) =>
        metadata with { BodyExcerpt = Excerpt(body) };

    /// <summary>Whether the provider sent a Retry-After of either kind (the kept headers hold it if so).</summary>
    public static bool HasRetryAfter(ResponseMetadata metadata) =>
        metadata.Headers.ContainsKey("retry-after-ms") || metadata.Headers.ContainsKey("retry-after");

    private string? Redacted(string? text) => text is null ? null : redactor.Redact(text);

    /// <summary>Copies the kept headers, under their lower-case names, as received (one pass, no parsing), redacted.</summary>
    private void Keep(HttpHeadersNonValidated received, Dictionary<string, string> kept)
    {
        foreach (var (name, values) in received)
        {
            if (KeptHeaders.TryGetValue(name, out var keptName)) kept[keptName] = redactor.Redact(values.ToString());
        }
    }

    private string Excerpt(ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, ExcerptChars * 4)]);
        text = redactor.Redact(text);
        return text.Length <= ExcerptChars ? text : text[..ExcerptChars] + "…";
    }
}
