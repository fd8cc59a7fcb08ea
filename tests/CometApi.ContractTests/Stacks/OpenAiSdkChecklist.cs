using System.ClientModel;
using System.Collections.Concurrent;
using OpenAI.Chat;

namespace CometApi.ContractTests.Stacks;

/// <summary>The OpenAI SDK configured by <see cref="ChecklistOpenAi"/> (the recipe a team copies); retry waits made virtual.</summary>
/// <param name="maxRetries">The recipe's one retry; a test changes it to show the conformance diff.</param>
public sealed class OpenAiSdkChecklist(int maxRetries = 1) : IClientUnderTest
{
    public string Name => "openai-sdk-checklist";

    public string Description => "OpenAI 2.15.0 ChatClient configured by ChecklistOpenAiRecipe.cs: 10 s network timeout, 30 s deadline, 1 retry jittered 250-1000 ms for transient failures only, incomplete streams thrown.";

    public async Task<StackOutcome> RunAsync(StackCall target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = target;
        var settings = ChecklistSettings.Default with { Deadline = call.Timing.Deadline, AttemptTimeout = call.Timing.Attempt, MaxRetries = maxRetries,
            BackoffMin = call.Timing.BackoffMin, BackoffMax = call.Timing.BackoffMax };
        var retry = new VirtualWaitChecklistRetryPolicy(settings);
        var options = ChecklistOpenAi.Options(call.BaseUrl, settings);
        options.RetryPolicy = retry;
        var client = new ChatClient(call.Model, new ApiKeyCredential(call.ApiKey), options);
        var deltas = new List<string>();
        return await StackOutcome.CatchingAsync(deltas, async () => call.Streaming
            ? await SdkCalls.ReadAsync(ChecklistOpenAi.StreamAsync(client, SdkCalls.Messages(call), SdkCalls.Options(), settings, cancellationToken), deltas)
            : SdkCalls.From(await ChecklistOpenAi.CompleteAsync(client, SdkCalls.Messages(call), SdkCalls.Options(), settings, cancellationToken)),
            () => retry.Waits, virtualDelays: true);
    }

    /// <summary>The recipe's policy, its waits made virtual (see <see cref="VirtualWaitRetryPolicy"/>).</summary>
    private sealed class VirtualWaitChecklistRetryPolicy(ChecklistSettings settings) : ChecklistRetryPolicy(settings)
    {
        private readonly ConcurrentQueue<TimeSpan> _waits = new();

        public IReadOnlyList<TimeSpan> Waits => [.. _waits];

        protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken)
        {
            VirtualWaits.Record(_waits, time, cancellationToken);
            return Task.CompletedTask;
        }

        protected override void Wait(TimeSpan time, CancellationToken cancellationToken) => VirtualWaits.Record(_waits, time, cancellationToken);
    }
}
