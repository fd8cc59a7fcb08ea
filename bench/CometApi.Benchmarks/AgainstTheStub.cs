using BenchmarkDotNet.Attributes;
using CometApi.Reliability.Adoption;
using CometApi.Reliability.Client;
using Microsoft.Extensions.AI;
using CometApi.Reliability.Parsing;
using OpenAI.Chat;

namespace CometApi.Benchmarks;

/// <summary>
/// The three contenders pointed at one path of the run's <see cref="LoopbackStub"/>, built once per benchmark class
/// and checked before anything is measured (<see cref="Verify"/>).
/// </summary>
public abstract class AgainstTheStub
{
    internal SuitePolicySinks Sinks { get; private set; } = null!;
    internal RawChatClient Raw { get; private set; } = null!;
    protected CometApiChatClient Suite { get; private set; } = null!;
    protected ChatClient Sdk { get; private set; } = null!;

    /// <summary>The suite's client through Microsoft.Extensions.AI (<c>AsIChatClient()</c>).</summary>
    protected IChatClient SuiteChat { get; private set; } = null!;

    /// <summary>The SDK through Microsoft.Extensions.AI.OpenAI (<c>AsIChatClient()</c>), default pipeline.</summary>
    protected IChatClient SdkChat { get; private set; } = null!;

    protected ChatOptions ChatOptions { get; } = new() { Temperature = 0, MaxOutputTokens = 16 };
    protected ChatCompletionRequest Request { get; } = BenchInputs.PongRequest();
    protected OpenAI.Chat.ChatMessage[] SdkMessages { get; } = [new UserChatMessage(Contenders.Prompt)];
    protected ChatCompletionOptions SdkOptions { get; } = Contenders.OpenAiOptions();

    /// <summary>The stub path the contenders use as their base (the SDK appends chat/completions).</summary>
    protected abstract string BasePath { get; }

    /// <summary>Fails the run when a contender does not get the answer it is timed on.</summary>
    protected abstract void Verify();

    [GlobalSetup]
    public void Setup()
    {
        var baseEndpoint = new Uri(LoopbackStub.Locate(), BasePath);
        Sinks = new SuitePolicySinks();
        Raw = Contenders.Raw(Contenders.Chat(baseEndpoint));
        Suite = Contenders.Suite(Contenders.Chat(baseEndpoint), Sinks);
        Sdk = Contenders.OpenAi(baseEndpoint);
        SuiteChat = Suite.AsIChatClient();
        SdkChat = Sdk.AsIChatClient();
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Raw.Dispose();
        SuiteChat.Dispose();
        SdkChat.Dispose();
        Suite.Dispose();
        Sinks.Dispose();
    }
}
