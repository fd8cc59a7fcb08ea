using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// One class per stack, so xunit runs the stacks in parallel (rows of one theory would run one after another); each
/// runs every scenario in both modes concurrently and compares the recording with contracts/clients/&lt;stack&gt;.json.
/// </summary>
[StartsFirst]
public abstract class StackConformance
{
    protected abstract IClientUnderTest Stack { get; }

    [OfflineFact]
    [Checklist("CL5", "CL6")]
    public async Task Conforms_to_its_reviewed_recording()
    {
        var recording = await StackMatrix.RecordAsync(Stack);

        recording.Cases.Should().HaveCount(FixtureCatalog.Default.Cases().Count(), "every scenario in every mode it has");
        ConformanceFile.ShouldMatchCommitted(recording);
    }
}

public sealed class ConformanceOurs : StackConformance
{
    protected override IClientUnderTest Stack => new OursDirect();
}

public sealed class ConformanceOursIChatClient : StackConformance
{
    protected override IClientUnderTest Stack => new OursThroughIChatClient();
}

public sealed class ConformanceOpenAiSdkDefault : StackConformance
{
    protected override IClientUnderTest Stack => new OpenAiSdkDefaults();
}

public sealed class ConformanceOpenAiSdkChecklist : StackConformance
{
    protected override IClientUnderTest Stack => new OpenAiSdkChecklist();
}

public sealed class ConformanceExtensionsAiOverSdk : StackConformance
{
    protected override IClientUnderTest Stack => new ExtensionsAiOverSdk();
}

public sealed class ConformanceYourClient : StackConformance
{
    protected override IClientUnderTest Stack => new YourClient();
}
