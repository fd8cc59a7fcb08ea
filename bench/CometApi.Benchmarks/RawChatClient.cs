using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Benchmarks;

/// <summary>
/// The floor: what a team would write with nothing but HttpClient and System.Text.Json (source-generated), no
/// policy at all. Same request bytes on the wire as the suite's client, so the difference is the policy's cost.
/// </summary>
internal sealed class RawChatClient(HttpClient http, Uri endpoint, string apiKey) : IDisposable
{
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    public async Task<string?> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
    {
        using var request = Request(prompt, stream: false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var completion = await JsonSerializer.DeserializeAsync(body, RawJson.Default.RawCompletion, cancellationToken).ConfigureAwait(false);
        return completion!.Choices[0].Message.Content;
    }

    public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = Request(prompt, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(body, static (_, data) => data.SequenceEqual(Done) ? null : JsonSerializer.Deserialize(data, RawJson.Default.RawChunk));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is null) yield break;
            if (item.Data.Choices is [{ Delta.Content: { Length: > 0 } text }, ..]) yield return text;
        }
    }

    private HttpRequestMessage Request(string prompt, bool stream)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new RawRequest(Contenders.Model, [new RawMessage("user", prompt)], 0, 16, stream), RawJson.Default.RawRequest);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    public void Dispose() => http.Dispose();
}

internal sealed record RawRequest(string Model, RawMessage[] Messages, double Temperature, int MaxTokens, bool Stream);

internal sealed record RawMessage(string Role, string? Content);

internal sealed record RawCompletion(RawChoice[] Choices);

internal sealed record RawChoice(RawMessage Message);

internal sealed record RawChunk(RawChunkChoice[] Choices);

internal sealed record RawChunkChoice(RawMessage? Delta);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RawRequest))]
[JsonSerializable(typeof(RawCompletion))]
[JsonSerializable(typeof(RawChunk))]
internal sealed partial class RawJson : JsonSerializerContext;
