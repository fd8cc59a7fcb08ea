using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CometApi.Reliability.Contracts;

namespace CometApi.Reliability.Classification;

/// <summary>Finds the provider's request id where the profile says it may be: headers first, then the error message.</summary>
internal sealed class RequestIdReader(ProviderProfile profile)
{
    // Null where the profile places no request id inside error.message (OpenAI keeps it in a header only).
    private readonly Regex? _inMessage = profile.RequestIdInErrorMessage is { } pattern
        ? new(pattern.Value, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
        : null;

    public string? Read(HttpResponseHeaders? headers, string? errorMessage)
    {
        if (headers is not null)
        {
            foreach (var name in profile.RequestIdHeaders.Value)
            {
                if (headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } id)
                    return id;
            }
        }

        return FromMessage(errorMessage);
    }

    public string? FromMessage(string? message) =>
        message is not null && _inMessage?.Match(message) is { Success: true } m ? m.Groups["id"].Value : null;
}
