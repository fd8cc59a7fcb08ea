using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>One call made while a fuzzed answer is on the wire, and the checks every call must pass whatever the bytes were.</summary>
public sealed record FuzzCall(ChatResult Result, IReadOnlyList<string> Deltas, int FinalEvents, bool FinalWasLast)
{
    /// <summary>Calls the client streamed or not; an exception escaping the client fails the case.</summary>
    public static async Task<FuzzCall> RunAsync(CometApiChatClient client, bool streamRequested)
    {
        if (!streamRequested)
            return new FuzzCall(await client.CompleteAsync(LeakMarkers.PongRequest()), [], 1, true);

        var deltas = new List<string>();
        ChatResult? result = null;
        var finals = 0;
        var finalWasLast = true;
        await foreach (var e in client.StreamAsync(LeakMarkers.PongRequest()))
        {
            if (result is not null) finalWasLast = false;
            if (e.Content is { } text) deltas.Add(text);
            if (e.Result is { } final)
            {
                result = final;
                finals++;
            }
        }

        return new FuzzCall(result!, deltas, finals, finalWasLast);
    }

    /// <summary>A classified result, within the retry budget, and a success only for a valid answer, with its exact text.</summary>
    public void ShouldBeClassifiedAndHonest(Answer answer)
    {
        FinalEvents.Should().Be(1, "a call ends in exactly one result");
        FinalWasLast.Should().BeTrue("nothing follows the result");
        Enum.IsDefined(Result.Class).Should().BeTrue();
        Result.OperatorAction.Should().Be(TestContracts.Policy.For(Result.Class).OperatorAction);
        Result.Attempts.Should().HaveCountGreaterThanOrEqualTo(1).And.HaveCountLessThanOrEqualTo(2, "one retry at most");
        if (!Result.IsSuccess) return;

        var verdict = AnswerOracle.Judge(answer.Body, answer.Sse);
        verdict.Valid.Should().BeTrue($"the client reported success, but the oracle says: {verdict.Reason}");
        Result.Text.Should().Be(verdict.Text, "a success carries exactly the answer's text");
        if (FinalEvents == 1 && Deltas.Count > 0) string.Concat(Deltas).Should().Be(Result.Text, "the deltas handed over add up to the answer");
    }
}
