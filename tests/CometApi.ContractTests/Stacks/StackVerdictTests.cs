using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Stacks;

/// <summary>The verdicts the launch gate reads, judged from the committed recordings, and the README matrix generated from them.</summary>
public sealed class StackVerdictTests
{
    private const string Start = "<!-- stack-verdicts:start (generated from contracts/clients/*.json; UPDATE_README=1 dotnet test --filter StackVerdict rewrites it) -->";
    private const string End = "<!-- stack-verdicts:end -->";

    private static readonly IReadOnlyDictionary<string, StackVerdict> Verdicts = StackVerdicts.Load(RepoPaths.Root);

    [Fact]
    public void Every_shipped_stack_has_a_recording_and_a_verdict()
    {
        Verdicts.Keys.Should().BeEquivalentTo(StackList.All.Select(s => s.Name));
        Verdicts.Values.Should().AllSatisfy(v => v.Rules.Select(r => r.Rule).Should().Equal(StackRule.All));
    }

    [Fact]
    public void Our_client_holds_every_rule_directly_and_through_IChatClient()
    {
        Verdicts["ours"].Violations.Should().BeEmpty();
        Verdicts["ours-ichatclient"].Violations.Should().BeEmpty();
        Verdicts["openai-sdk-checklist"][StackRule.NoRetryContractErrors].Holds.Should().BeTrue("the recipe reads error.code");
    }

    [Fact]
    public void The_sdk_defaults_violate_the_retry_deadline_and_truncation_rules_and_say_where()
    {
        var sdk = Verdicts["openai-sdk-default"];

        sdk[StackRule.OneRetryTransientOnly].Evidence.Should().Be("rate-limit-429-short json: 4 attempts for rate_limited");
        sdk[StackRule.NoRetryContractErrors].Evidence.Should().Be("quota-429-insufficient json: 4 attempts for quota_exhausted");
        sdk[StackRule.InteractiveDeadline].Evidence.Should().Be("rate-limit-429-long json: waited >30s in retries, past the deadline");
        sdk[StackRule.TruncationSurfaces].Evidence.Should().Be("stream-no-done stream: the caller got 'success' (answer)");
        sdk[StackRule.NoKeyInExceptions].Holds.Should().BeTrue();
        StackVerdicts.For(RepoPaths.Root, null).Stack.Should().Be(StackVerdicts.DefaultStack);
    }

    [Fact]
    public void The_judge_flags_a_second_retry_and_a_key_in_an_exception()
    {
        var recording = StackRecording.Read(ConformanceFile.CommittedPath("ours"));
        var tampered = recording with
        {
            Cases = recording.Cases.Select(c => c.Id == "server-500 json" ? c with { Attempts = 3 } : c.Id == "bad-request-400 stream" ? c with { KeyInException = true } : c).ToList(),
        };

        var verdict = StackVerdicts.ForRoot(RepoPaths.Root).Judge(tampered);

        verdict[StackRule.OneRetryTransientOnly].Evidence.Should().Be("server-500 json: 3 attempts for server_error");
        verdict[StackRule.NoKeyInExceptions].Evidence.Should().Be("bad-request-400 stream: the key is in ChatResult");
        verdict[StackRule.NoRetryContractErrors].Holds.Should().BeTrue();
    }

    [Fact]
    public void Transient_classes_are_the_policys_retryable_classes()
    {
        var policyRetryable = TestContracts.Policy.Document.Classes.Where(c => c.Retry).Select(c => c.Class).ToHashSet();

        StackVerdicts.TransientClasses(Path.Combine(RepoPaths.Contracts, "failure-policy.json"))
            .Should().BeEquivalentTo(policyRetryable).And.BeEquivalentTo(["rate_limited", "server_error", "timeout", "transport_failure"]);
    }

    [Fact]
    public void The_readme_verdict_matrix_matches_the_recordings()
    {
        var readme = File.ReadAllText(RepoPaths.Readme).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, "README.md must hold the verdict markers");
        end.Should().BeGreaterThan(start);

        var expected = StackVerdictTable.Render(Verdicts.Values);
        var actual = readme[(start + Start.Length)..end].Trim('\n');
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(RepoPaths.Readme, readme[..(start + Start.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }

        actual.Should().Be(expected, "run `UPDATE_README=1 dotnet test --filter StackVerdict` after re-recording a stack");
    }
}
