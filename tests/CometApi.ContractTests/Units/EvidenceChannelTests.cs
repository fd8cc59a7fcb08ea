using CometApi.ContractTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.ContractTests.Units;

/// <summary>
/// The evidence channel: a record published anywhere below a test lands under that test's key (test case id and
/// display name), so two rows of one theory, running at the same time, never share or swap records.
/// </summary>
public sealed class EvidenceChannelTests
{
    [Fact]
    public async Task Two_rows_of_one_theory_running_at_once_keep_separate_records()
    {
        // One theory test case that xunit runs row by row (not pre-enumerated): both rows share its unique id.
        var theory = TestCaseOf(nameof(SampleTheory.Row));
        var rows = new[] { new XunitTest(theory, "SampleTheory.Row(row: 1)"), new XunitTest(theory, "SampleTheory.Row(row: 2)") };
        var scopes = new EvidenceScopes();
        var sink = new EvidenceSink(new NullMessageSink(), new NullMessageSink(), scopes);
        using var bus = new EvidenceScopingBus(new SynchronousMessageBus(sink, stopOnFail: false), scopes);
        var started = rows.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        await Task.WhenAll(rows.Select((test, i) => Task.Run(async () =>
        {
            bus.QueueMessage(new TestStarting(test));
            started[i].SetResult();
            await Task.WhenAll(started.Select(s => s.Task));   // both rows are inside their scopes now
            EvidenceChannel.Publish(new EvidenceRecord { Id = "CL6.same-id", Message = $"row {i + 1}" });
            await Task.Yield();
            EvidenceChannel.CurrentKey.Should().Be(EvidenceKey.Of(test), "the scope flows across awaits");
            bus.QueueMessage(new TestPassed(test, 0.001m, ""));
        })));

        var outcomes = sink.Outcomes.OrderBy(o => o.DisplayName, StringComparer.Ordinal).ToList();
        outcomes.Select(o => o.Key.TestCaseId).Distinct().Should().ContainSingle("both rows belong to one test case");
        outcomes.Select(o => (o.DisplayName, o.Records.Single().Message))
            .Should().Equal(("SampleTheory.Row(row: 1)", "row 1"), ("SampleTheory.Row(row: 2)", "row 2"));
        outcomes.Should().AllSatisfy(o => o.Checklist.Should().Be("CL6", "the test's Checklist trait"));

        var gate = LaunchGate.Load();
        EvidenceRun.Build(outcomes, EvidenceSamples.LiveSimulatedSettings(Path.GetTempPath()), gate).Checks
            .Select(c => (c.Id, c.Message)).Should().Equal(("CL6.same-id[row-1]", "row 1"), ("CL6.same-id[row-2]", "row 2"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Under_the_real_framework_each_row_runs_in_a_scope_of_its_own(int row)
    {
        var key = EvidenceChannel.CurrentKey;

        key.Should().NotBeNull("the evidence framework opens a scope as xunit starts the test");
        key!.DisplayName.Should().EndWith($"(row: {row})");
        await Task.Yield();
        EvidenceChannel.CurrentKey.Should().Be(key);
    }

    [Fact]
    public async Task Outside_a_test_a_record_goes_nowhere()
    {
        Task<bool> publishing;
        using (ExecutionContext.SuppressFlow())
        {
            publishing = Task.Run(() => EvidenceChannel.Publish(new EvidenceRecord { Id = "CL7.nowhere" }));
        }

        var published = await publishing;

        published.Should().BeFalse();
    }

    [Fact]
    public void A_result_without_a_published_record_is_one_check_named_after_the_test()
    {
        var scopes = new EvidenceScopes();
        var sink = new EvidenceSink(new NullMessageSink(), new NullMessageSink(), scopes);
        var test = new XunitTest(TestCaseOf(nameof(SampleTheory.Row)), "SampleTheory.Row(row: 3)");

        sink.OnMessage(new TestSkipped(test, "live check: set COMETAPI_LIVE=1"));

        var check = EvidenceRun.Build(sink.Outcomes, EvidenceSamples.LiveSimulatedSettings(Path.GetTempPath()), LaunchGate.Load()).Checks.Single();
        (check.Id, check.Status, check.Target, check.Message).Should().Be(("CL6.row[row-3]", "skipped", "simulated", "live check: set COMETAPI_LIVE=1"));
    }

    private static XunitTestCase TestCaseOf(string method)
    {
        var assembly = new TestAssembly(Reflector.Wrap(typeof(SampleTheory).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "evidence"), Reflector.Wrap(typeof(SampleTheory)));
        var testCase = new XunitTestCase(new NullMessageSink(), TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None,
            new TestMethod(testClass, Reflector.Wrap(typeof(SampleTheory).GetMethod(method)!)));
        testCase.Traits["Checklist"] = ["CL6"];   // what xunit's discovery reads from a [Checklist("CL6")] test
        return testCase;
    }

    /// <summary>A method to hang test cases on; never run (it carries no test attribute).</summary>
    public sealed class SampleTheory
    {
        public static void Row(int row) => _ = row;
    }
}
