using System.Text.Json;

namespace CometApi.Live;

/// <summary>The cap on live requests: a request past it is never sent, and the test that tried fails loudly.</summary>
public sealed class LiveBudget(int limit, int maxTokens)
{
    private int _spent;

    public int Limit { get; } = limit;
    public int MaxTokens { get; } = maxTokens;
    public int Spent => Volatile.Read(ref _spent);
    public int Remaining => Math.Max(0, Limit - Spent);

    public void Take()
    {
        if (Interlocked.Increment(ref _spent) > Limit)
        {
            Interlocked.Decrement(ref _spent);
            throw new LiveBudgetExceededException($"live request budget of {Limit} is spent; raise {LiveSettings.BudgetVariable} to run more checks");
        }
    }

    /// <summary>Every live chat request must ask for at most <see cref="MaxTokens"/> output tokens.</summary>
    public void CheckTokens(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("messages", out _)) return;
            if (!doc.RootElement.TryGetProperty("max_tokens", out var max) || max.GetInt32() > MaxTokens)
                throw new LiveBudgetExceededException($"a live chat request must set max_tokens <= {MaxTokens} ({LiveSettings.MaxTokensVariable})");
        }
        catch (JsonException)
        {
            // Not JSON: not a chat request the cap applies to.
        }
    }
}

public sealed class LiveBudgetExceededException(string message) : InvalidOperationException(message);

/// <summary>Enforces the budget on the wire, below the client: nothing bypasses it.</summary>
public sealed class BudgetedHandler(LiveBudget budget, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
            budget.CheckTokens(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        budget.Take();
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
