using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// xunit's own framework, with one addition: every test result passes through <see cref="EvidenceSink"/>, which
/// turns checklist-tagged results into the run's evidence bundle when the assembly finishes.
/// </summary>
public sealed class EvidenceTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new EvidenceExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class EvidenceExecutor(AssemblyName name, ISourceInformationProvider source, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(name, source, diagnostics)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new EvidenceSink(executionMessageSink, DiagnosticMessageSink), executionOptions);
    }
}

/// <summary>Collects checklist-tagged results; writes the bundle before the run reports that it finished.</summary>
internal sealed class EvidenceSink(IMessageSink inner, IMessageSink diagnostics) : LongLivedMarshalByRefObject, IMessageSink
{
    private readonly List<TestOutcome> _outcomes = [];

    public bool OnMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestPassed passed: Collect(passed, "passed", null); break;
            case ITestFailed failed: Collect(failed, "failed", string.Join(" ", failed.Messages)); break;
            case ITestSkipped skipped: Collect(skipped, "skipped", skipped.Reason); break;
            case ITestAssemblyFinished:
                try
                {
                    var outcomes = Snapshot();
                    var folder = EvidenceWriter.Write(EvidenceRun.Build(outcomes), outcomes.SelectMany(o => o.Note?.LedgerCsvRows ?? []));
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

    private List<TestOutcome> Snapshot()
    {
        lock (_outcomes) return [.. _outcomes];
    }

    private void Collect(ITestResultMessage result, string status, string? message)
    {
        if (!result.TestCase.Traits.TryGetValue("Checklist", out var ids) || ids.Count == 0) return;
        var outcome = new TestOutcome(result.Test.DisplayName, result.TestCase.TestMethod.Method.Name, ids[0],
            status, message, (double)result.ExecutionTime * 1000, EvidenceNote.FindIn(result.Output));
        lock (_outcomes) _outcomes.Add(outcome);
    }
}

/// <summary>One checklist-tagged test as the runner reported it.</summary>
internal sealed record TestOutcome(string DisplayName, string Method, string Checklist, string Status, string? Message, double DurationMs, EvidenceNote? Note);
