namespace CometApi.ContractTests.Stacks;

/// <summary>The stacks the matrix ships; add yours to <see cref="YourClient"/> rather than here.</summary>
public static class StackList
{
    public static IReadOnlyList<IClientUnderTest> All { get; } =
        [new OursDirect(), new OursThroughIChatClient(), new OpenAiSdkDefaults(), new OpenAiSdkChecklist(), new ExtensionsAiOverSdk(), new YourClient()];
}
