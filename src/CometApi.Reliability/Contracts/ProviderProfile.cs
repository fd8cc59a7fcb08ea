namespace CometApi.Reliability.Contracts;

/// <summary>
/// What one provider promises about its endpoint, as data with provenance
/// (<c>contracts/providers/&lt;name&gt;/profile.json</c>): where it lives, how it authenticates, where its request id is,
/// what its error bodies look like and which status answers which mistake.
/// </summary>
public sealed record ProviderProfile(
    string Provider,
    string DisplayName,
    string ReviewedBy,
    string CollectedFrom,
    Fact<string> DefaultBaseUrl,
    Fact<string> ChatCompletionsPath,
    Fact<string> ModelsPath,
    Fact<string> AuthHeader,
    Fact<string> AuthScheme,
    Fact<string> ContentType,
    Fact<string> StreamContentType,
    Fact<string[]> ApiKeyVariables,
    Fact<string[]> RequestIdHeaders,
    Fact<string> ErrorBody,
    Fact<int[]> DocumentedStatuses,
    ErrorSemantics ErrorSemantics,
    Fact<string> RateLimits,
    Fact<string> Billing,
    IReadOnlyList<Fact<string>> Observations,
    IReadOnlyList<LiveRun> LiveEvidence,
    Fact<string>? RequestIdInErrorMessage = null);

/// <summary>How the provider answers the five mistakes a launch must tell apart; the rows of the README's comparison.</summary>
public sealed record ErrorSemantics(
    Fact<ErrorAnswer> MalformedRequest,
    Fact<ErrorAnswer> UnknownModel,
    Fact<ErrorAnswer> BadKey,
    Fact<ErrorAnswer> Quota,
    Fact<ErrorAnswer> RateLimit)
{
    public IEnumerable<(string Name, Fact<ErrorAnswer> Fact)> Rows()
    {
        yield return ("malformed request", MalformedRequest);
        yield return ("unknown model", UnknownModel);
        yield return ("bad key", BadKey);
        yield return ("quota exhausted", Quota);
        yield return ("rate limit", RateLimit);
    }
}

/// <summary>One error answer: the status(es) and, when known, error.type and error.code. An empty status list means unknown.</summary>
public sealed record ErrorAnswer(int[] Status, string? Type = null, string? Code = null, string? Note = null)
{
    public override string ToString()
    {
        var status = Status.Length == 0 ? "unknown status" : string.Join(" or ", Status);
        var parts = new List<string> { status };
        if (Type is not null) parts.Add($"type `{Type}`");
        if (Code is not null) parts.Add(Code.Length == 0 ? "code empty" : $"code `{Code}`");
        return string.Join(", ", parts);
    }
}

/// <summary>A live run against the real provider that a reviewer accepted as this profile's runtime evidence.</summary>
public sealed record LiveRun(string RunId, string Date, string Target, string Evidence, string ReviewedBy);
