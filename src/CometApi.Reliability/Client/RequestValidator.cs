using System.Globalization;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>Refuses a request that breaks the chat contract before anything is sent (it would only cost a round trip).</summary>
internal static class RequestValidator
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool" };

    public static IReadOnlyList<string> Validate(ChatCompletionRequest request, string? model)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(model))
            errors.Add("model is required");
        if (request.Messages is null || request.Messages.Count == 0)
            errors.Add("messages must hold at least one message");
        for (var i = 0; i < (request.Messages?.Count ?? 0); i++)
        {
            var message = request.Messages![i];
            if (message is null)
                errors.Add($"messages[{i}] is null");
            else if (!Roles.Contains(message.Role ?? ""))
                errors.Add($"messages[{i}].role '{message.Role}' is not one of: {string.Join(", ", Roles)}");
            else if (message.Content is null && message.Role != "assistant")
                errors.Add($"messages[{i}].content is required for role '{message.Role}'");
        }

        if (request.Temperature is { } t && (double.IsNaN(t) || t < 0 || t > 2))
            errors.Add($"temperature {t.ToString(CultureInfo.InvariantCulture)} is outside 0..2");
        if (request.MaxTokens is < 1)
            errors.Add($"max_tokens {request.MaxTokens} must be at least 1");
        return errors;
    }
}
