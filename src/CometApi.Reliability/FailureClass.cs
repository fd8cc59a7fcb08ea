using System.Text.Json.Serialization;

namespace CometApi.Reliability;

/// <summary>
/// The one class every call ends in. The set is fixed by the code; what each class allows
/// (retry, fallback, operator action) and which signals select it live in contracts/failure-policy.json.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailureClass>))]
public enum FailureClass
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("invalid_request")] InvalidRequest,
    [JsonStringEnumMemberName("authentication")] Authentication,
    [JsonStringEnumMemberName("permission_denied")] PermissionDenied,
    [JsonStringEnumMemberName("configuration")] Configuration,
    [JsonStringEnumMemberName("rate_limited")] RateLimited,
    [JsonStringEnumMemberName("quota_exhausted")] QuotaExhausted,
    [JsonStringEnumMemberName("server_error")] ServerError,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("transport_failure")] TransportFailure,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("unknown_shape")] UnknownShape,
    [JsonStringEnumMemberName("refusal")] Refusal,
    [JsonStringEnumMemberName("content_filter")] ContentFilter,
    [JsonStringEnumMemberName("empty_output")] EmptyOutput,
    [JsonStringEnumMemberName("stream_truncated")] StreamTruncated,
}

public static class FailureClassNames
{
    private static readonly Dictionary<FailureClass, string> ToName = Enum.GetValues<FailureClass>()
        .ToDictionary(c => c, c => typeof(FailureClass).GetField(c.ToString())!
            .GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .Cast<JsonStringEnumMemberNameAttribute>().Single().Name);

    private static readonly Dictionary<string, FailureClass> FromName =
        ToName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The snake_case name used in the policy file, logs, metrics and evidence.</summary>
    public static string WireName(this FailureClass value) => ToName[value];

    public static bool TryParse(string? name, out FailureClass value) =>
        FromName.TryGetValue(name ?? "", out value);

    public static IReadOnlyCollection<string> All => FromName.Keys;
}
