using System.Net.Http.Headers;
using System.Text;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// What a client sees of one answer, in comparable form: status, the headers a client reads, the body bytes as text,
/// and how the body ended (complete, cut by the server, or still open after the bytes a stall sends).
/// </summary>
public sealed record WireAnswer(int? Status, string Headers, string Body, string Ending)
{
    private static readonly string[] HeadersThatMatter =
        ["Content-Type", "Cache-Control", "x-request-id", "X-Oneapi-Request-Id", "Retry-After", "retry-after-ms", "Location"];

    /// <summary>Sends and reads; <paramref name="stopAfterBytes"/> ends the read of a stalling body once its bytes are in.</summary>
    public static async Task<WireAnswer> CaptureAsync(HttpClient http, HttpRequestMessage request, int? stopAfterBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException)
        {
            return new WireAnswer(null, "", "", "reset before headers");
        }

        using (response)
        {
            var headers = string.Join("\n", HeadersThatMatter.Select(name => (name, value: Value(response, name)))
                .Where(h => h.value is not null).Select(h => $"{h.name.ToLowerInvariant()}: {h.value}"));
            var body = new MemoryStream();
            var buffer = new byte[4096];
            var ending = "complete";
            await using var stream = await response.Content.ReadAsStreamAsync();
            try
            {
                while (stopAfterBytes is null || body.Length < stopAfterBytes)
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0) break;
                    body.Write(buffer, 0, read);
                }

                if (stopAfterBytes is not null && body.Length >= stopAfterBytes) ending = "held open";
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                ending = "cut";
            }

            return new WireAnswer((int)response.StatusCode, headers, Encoding.UTF8.GetString(body.ToArray()), ending);
        }
    }

    private static string? Value(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
