using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// xunit's own framework, with two additions: each test runs inside its own evidence scope (so it can publish
/// typed records through <see cref="EvidenceChannel"/>), and every result passes through <see cref="EvidenceSink"/>,
/// which joins records and results and writes the run's evidence bundle when the assembly finishes.
/// </summary>
public sealed class EvidenceTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new EvidenceExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class EvidenceExecutor(AssemblyName name, ISourceInformationProvider source, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(name, source, diagnostics)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            var scopes = new EvidenceScopes();
            using var runner = new EvidenceAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink,
                new EvidenceSink(executionMessageSink, DiagnosticMessageSink, scopes), executionOptions, scopes);
            await runner.RunAsync();
        }
    }

    private sealed class EvidenceAssemblyRunner(
        ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics, IMessageSink execution,
        ITestFrameworkExecutionOptions options, EvidenceScopes scopes)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, execution, options)
    {
        protected override IMessageBus CreateMessageBus() => new EvidenceScopingBus(base.CreateMessageBus(), scopes);
    }
}

/// <summary>Collects checklist-tagged results with their records; writes the bundle before the run reports that it finished.</summary>
internal sealed class EvidenceSink(IMessageSink inner, IMessageSink diagnostics, EvidenceScopes scopes) : LongLivedMarshalByRefObject, IMessageSink
{
    private readonly List<TestOutcome> _outcomes = [];

    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed passed: Collect(passed, EvidenceStatus.Passed, null); break;
            case ITestFailed failed: Collect(failed, EvidenceStatus.Failed, string.Join("\n", failed.Messages)); break;
            case ITestSkipped skipped: Collect(skipped, EvidenceStatus.Skipped, skipped.Reason); break;
            case ITestAssemblyFinished:
                try
                {
                    var outcomes = Snapshot();
                    var folder = EvidenceWriter.Write(EvidenceRun.Build(outcomes), outcomes.SelectMany(o => o.Records).SelectMany(r => r.Ledger));
                    diagnostics.OnMessage(new DiagnosticMessage($"Evidence written to {folder}"));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    diagnostics.OnMessage(new DiagnosticMessage($"Evidence could not be written: {ex.Message}"));
                }

                break;
        }

        return inner.OnMessage(message);
    }

    /// <summary>The outcomes collected so far.</summary>
    public IReadOnlyList<TestOutcome> Outcomes => Snapshot();

    private List<TestOutcome> Snapshot()
    {
        lock (_outcomes) return [.. _outcomes];
    }

    private void Collect(ITestResultMessage result, string status, string? message)
    {
        var key = EvidenceKey.Of(result.Test);
        var records = scopes.Take(key);
        if (!result.TestCase.Traits.TryGetValue("Checklist", out var ids) || ids.Count == 0) return;
        var outcome = new TestOutcome(key, result.TestCase.TestMethod.Method.Name, ids[0],
            status, message, (double)result.ExecutionTime * 1000, records);
        lock (_outcomes) _outcomes.Add(outcome);
    }
}

/// <summary>One checklist-tagged test as the runner reported it, with the records it published.</summary>
internal sealed record TestOutcome(EvidenceKey Key, string Method, string Checklist, string Status, string? Message, double DurationMs, IReadOnlyList<EvidenceRecord> Records)
{
    public string DisplayName => Key.DisplayName;
}
