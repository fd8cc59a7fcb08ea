using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Billing;

using CometApi.ContractTests.Live;

namespace CometApi.ContractTests.Sections;

/// <summary>CL7: usage is read from both shapes, and every attempt (failed, timed out, retried) is accounted for.</summary>
[Checklist("CL7")]
public sealed class UsageTests
{
    [OfflineTheory]
    [InlineData(false, 19, 1, 20)]
    [InlineData(true, 19, 2, 21)]
    public async Task Usage_is_read_from_the_response_and_the_final_stream_chunk(bool streaming, int prompt, int completion, int total)
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming, withFallback: false);

        run.Result.Usage.Should().NotBeNull();
        (run.Result.Usage!.PromptTokens, run.Result.Usage.CompletionTokens, run.Result.Usage.TotalTokens)
            .Should().Be((prompt, completion, total));
    }

    [ScenarioFact("success-pong")]
    public async Task The_usage_chunk_is_requested_when_streaming()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: true, withFallback: false);

        var body = run.World.PrimaryArrivals.Requests.Single().Body;
        body.Should().Contain("\"stream\":true").And.Contain("\"stream_options\":{\"include_usage\":true}");
    }

    [ScenarioTheory]
    [InlineData("retry-then-success", 2)]
    [InlineData("slow-headers", 2)]
    [InlineData("server-500", 2)]
    [InlineData("bad-request-400", 1)]
    public async Task Every_attempt_is_recorded_with_timestamp_duration_status_and_retry_index(string scenario, int attempts)
    {
        using var run = await ScenarioRun.ExecuteAsync(scenario, streaming: false, withFallback: false);

        run.Result.Attempts.Should().HaveCount(attempts).And.HaveCount(run.World.PrimaryAttempts, "one record per request the provider saw");
        run.Result.Attempts.Select(a => a.RetryIndex).Should().Equal(Enumerable.Range(0, attempts));
        run.Result.Attempts.Should().BeInAscendingOrder(a => a.StartedAt);
        run.Result.Attempts.Should().AllSatisfy(a =>
        {
            a.StartedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            a.Duration.Should().BePositive();
        });
    }

    [ScenarioFact("stream-cut")]
    public async Task A_cut_stream_keeps_the_partial_text_and_its_class_for_reconciliation()
    {
        using var run = await ScenarioRun.ExecuteAsync("stream-cut", streaming: true, withFallback: false);

        run.Result.Class.Should().Be(FailureClass.StreamTruncated);
        run.Result.Text.Should().Be(string.Concat(run.Deltas));
        run.Result.Attempts.Single().Note.Should().Be("connection lost mid-stream");
    }

    [ScenarioFact("retry-then-success")]
    public async Task The_ledger_holds_one_row_per_attempt_with_sizes_tokens_and_class()
    {
        using var run = await ScenarioRun.ExecuteAsync("retry-then-success", streaming: false, withFallback: false);

        var rows = run.World.Ledger.Rows;
        rows.Should().HaveCount(2);
        rows.Select(r => (r.RetryIndex, r.Status, r.Class, r.RequestId)).Should().Equal(
            (0, 503, FailureClass.ServerError, "req-retry-503-001"), (1, 200, FailureClass.Success, "req-retry-200-001"));
        rows.Should().AllSatisfy(r =>
        {
            r.InputBytes.Should().Be(run.World.PrimaryArrivals.Requests[0].Body.Length);
            r.OutputBytes.Should().BePositive();
            r.Model.Should().Be("gpt-5.4-mini");
            r.CallId.Should().Be(rows[0].CallId, "both attempts belong to one call");
        });
        (rows[1].PromptTokens, rows[1].CompletionTokens).Should().Be((19L, 1L));
        rows[0].PromptTokens.Should().BeNull("a 503 reports no usage");
    }

    [ScenarioFact("success-pong")]
    public async Task A_streamed_attempt_reaches_the_ledger_with_its_byte_count_and_usage()
    {
        using var run = await ScenarioRun.ExecuteAsync("success-pong", streaming: true, withFallback: false);

        var row = run.World.Ledger.Rows.Should().ContainSingle().Subject;
        row.Streaming.Should().BeTrue();
        row.OutputBytes.Should().Be(new FileInfo(Path.Combine(RepoPaths.Fixtures, "streams", "success-pong.sse")).Length);
        (row.PromptTokens, row.CompletionTokens).Should().Be((19L, 2L));
    }

    [OfflineFact]
    public async Task Reconciliation_reports_billed_failures_token_differences_and_requests_missing_on_either_side()
    {
        var ledger = new List<LedgerRow>();
        foreach (var (scenario, streaming) in new[] { ("success-pong", false), ("retry-then-success", false), ("slow-headers", false), ("success-pong", true) })
        {
            using var run = await ScenarioRun.ExecuteAsync(scenario, streaming, withFallback: false);
            ledger.AddRange(run.World.Ledger.Rows);
        }

        var export = UsageExportCsv.Read(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "usage", "dashboard-export.csv")),
            UsageExportFormat.Load(Path.Combine(RepoPaths.Contracts, "usage-export-format.json")));
        var report = UsageReconciler.Reconcile(ledger, export);

        report.Clean.Should().BeFalse();
        (report.LedgerRows, report.ExportRows, report.Matched).Should().Be((6, 4, 3));
        report.Discrepancies.Select(d => (d.Kind, d.RequestId)).Should().BeEquivalentTo(new (DiscrepancyKind, string?)[]
        {
            (DiscrepancyKind.BilledFailure, "req-retry-503-001"),
            (DiscrepancyKind.TokenMismatch, "req-retry-200-001"),
            (DiscrepancyKind.MissingInLedger, "req-someone-else-001"),
            (DiscrepancyKind.MissingInExport, "req-pong-stream-001"),
            (DiscrepancyKind.Unmatchable, null),
            (DiscrepancyKind.Unmatchable, null),
        });
        report.Discrepancies.Single(d => d.Kind == DiscrepancyKind.TokenMismatch).Detail.Should().Be("ledger 19/1 tokens, export 19/7");
    }

    [Fact]
    public void A_usage_export_without_the_expected_column_is_a_clear_error()
    {
        var format = UsageExportFormat.Load(Path.Combine(RepoPaths.Contracts, "usage-export-format.json"));

        var act = () => UsageExportCsv.Read("id,when\nx,2026-01-01\n", format);

        act.Should().Throw<FormatException>().WithMessage("*no 'request_id' column*usage-export-format.json*");
    }

    [Fact]
    public void The_ledger_writes_as_csv_with_quoting_and_no_content()
    {
        var row = new LedgerRow(DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "c1", "comet,api", "https://x/v1/chat/completions",
            "m", false, 0, 200, FailureClass.Success, "r\"1", 10, 20, 3, 4, TimeSpan.FromMilliseconds(12));

        var csv = UsageLedgerCsv.Write([row]);

        csv.Should().Be(UsageLedgerCsv.Header + "\n2026-11-24T08:00:00.0000000Z,c1,\"comet,api\",https://x/v1/chat/completions,m,false,0,200,success,\"r\"\"1\",10,20,3,4,12\n");
    }

    [LiveFact]
    public Task Live_usage_is_reported_and_lands_in_the_ledger() =>
        LiveCheckReport.ReportAsync("CL7.usage-reported");
}
