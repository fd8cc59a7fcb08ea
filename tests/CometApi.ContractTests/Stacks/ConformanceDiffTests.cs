using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Stacks;

/// <summary>The review flow can fail: a stack whose retry count changes no longer matches its recording, and says where.</summary>
public sealed class ConformanceDiffTests
{
    [OfflineFact]
    public async Task Changing_a_stacks_retry_count_fails_the_comparison_with_a_readable_diff()
    {
        var cases = new[] { "server-500", "unavailable-503", "quota-429-insufficient" }.Select(n => (FixtureCatalog.Default[n], false)).ToList();
        var committed = StackRecording.Read(ConformanceFile.CommittedPath("openai-sdk-checklist"));
        var subset = committed with { Cases = committed.Cases.Where(c => c.Mode == StackCase.JsonMode && cases.Any(k => k.Item1.Name == c.Scenario)).ToList() };
        var folder = Directory.CreateTempSubdirectory("conformance-").FullName;
        var committedPath = Path.Combine(folder, "openai-sdk-checklist.json");
        File.WriteAllText(committedPath, subset.ToJson());

        var asRecorded = await StackMatrix.RecordAsync(new OpenAiSdkChecklist(), cases);
        var twoRetries = await StackMatrix.RecordAsync(new OpenAiSdkChecklist(maxRetries: 2), cases);

        ConformanceFile.Check(asRecorded, committedPath, Path.Combine(folder, "received.json")).Should().BeNull("the recipe as shipped matches its recording");
        var failure = ConformanceFile.Check(twoRetries, committedPath, Path.Combine(folder, "received.json"));
        failure.Should().NotBeNull()
            .And.Contain("2 difference(s)")
            .And.Contain("server-500 json: attempts 2 -> 3; delays [\"250ms-1s\"] -> [\"250ms-1s\",\"250ms-1s\"]")
            .And.Contain("unavailable-503 json: attempts 2 -> 3")
            .And.NotContain("quota-429-insufficient", "a class the recipe never retries is unchanged")
            .And.Contain(ConformanceFile.UpdateCommand);
        File.Exists(Path.Combine(folder, "received.json")).Should().BeTrue("the received recording is written for review");
    }

    [Fact]
    public void A_missing_or_new_case_is_named()
    {
        var one = new StackCase { Scenario = "server-500", Mode = "json", Attempts = 2, Delays = ["250ms-1s"], Outcome = "server_error", Surface = "answer", WithinDeadline = true, KeyInException = false };
        var recording = new StackRecording { Stack = "s", Description = "d", Method = "m", Cases = [one] };

        ConformanceFile.Diff(recording, recording with { Cases = [one with { Mode = "stream" }] })
            .Should().Equal("server-500 json: recorded, not run any more", "server-500 stream: new, not recorded");
        ConformanceFile.Diff(recording, recording with { Cases = [one with { KeyInException = true, VirtualWait = "1s-5s" }] })
            .Should().Equal("server-500 json: keyInException false -> true; virtualWait null -> \"1s-5s\"");
    }
}
