using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CometApi.ContractTests.Stacks;

// ---------------------------------------------------------------------------------------------------------------
// YOUR STACK: edit this file to run the whole conformance matrix (every scenario, both modes) against the client
// your service really runs: Semantic Kernel, an IHttpClientFactory client with Microsoft.Extensions.Http.Resilience,
// a hand-written HttpClient, ...
//   1. Replace the body of RunAsync with one call through your client, with your real timeout, retry, cancellation
//      and fallback code paths on. Point it at call.BaseUrl (or call.ChatEndpoint), send call.ApiKey and call.Model.
//   2. Report what your caller saw: the text (Deltas for a stream) or the exception. Use call.Timing for your timers
//      if they are configurable (the harness shrinks them for the few stalling scenarios), or else name your shortest
//      timer in OwnShortestTimer (the harness then calls a stall it cannot end "hung" at once); if your retries wait on a
//      timer you can hook (like System.ClientModel's ClientRetryPolicy.WaitAsync, see VirtualWaitRetryPolicy),
//      report the requested delays with virtualDelays: true.
//   3. Re-record: UPDATE_CONFORMANCE=1 dotnet test ContractTests.sln --filter "FullyQualifiedName~Stacks", review
//      contracts/clients/your-stack.json and the verdict row in the README, and commit them.
// As shipped it is the client many services start with: HttpClient defaults (100 s timeout, no retry, redirects
// followed), EnsureSuccessStatusCode, and a hand-rolled SSE reader.
// ---------------------------------------------------------------------------------------------------------------

/// <summary>The stack a team edits to judge its own client (see the comment above).</summary>
public sealed class YourClient : IClientUnderTest
{
    public string Name => "your-stack";

    public string Description => "Template a team edits (Stacks/YourClient.cs); as shipped: a hand-written HttpClient call with HttpClient defaults (100 s timeout, no retry).";

    /// <summary>
    /// As shipped: HttpClient's default 100 s Timeout (it bounds the headers only; the body read has none). If your
    /// stack keeps timers of its own rather than call.Timing, put the shortest here; if it takes call.Timing, remove this.
    /// </summary>
    public TimeSpan? OwnShortestTimer => TimeSpan.FromSeconds(100);

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        // A team's own client keeps its own handler; LoopbackOnly only keeps the matrix off the internet (see its summary).
        using var http = new HttpClient(LoopbackOnly.Handler());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", call.ApiKey);
        var deltas = new List<string>();
        return await StackOutcome.CatchingAsync(deltas, async () =>
        {
            var body = JsonSerializer.Serialize(new
            {
                model = call.Model,
                messages = new[] { new { role = "user", content = call.Prompt } },
                temperature = 0,
                max_tokens = 16,
                stream = call.Streaming,
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, call.ChatEndpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            if (!call.Streaming)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                var choice = json.RootElement.GetProperty("choices")[0];
                return new StackOutcome { Text = choice.GetProperty("message").GetProperty("content").GetString(), FinishReason = choice.GetProperty("finish_reason").GetString() };
            }

            string? finish = null;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var data = line["data: ".Length..];
                if (data == "[DONE]") break;
                using var chunk = JsonDocument.Parse(data);
                foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                {
                    if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text) deltas.Add(text);
                    if (choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String) finish = f.GetString();
                }
            }

            return new StackOutcome { Text = string.Concat(deltas), FinishReason = finish };
        }, () => null, virtualDelays: false);
    }
}
