using System.Text.Json;
using CometApi.DefectProvider;
using CometApi.Live.Checks;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.ContractTests.Live;

/// <summary>
/// The live-check catalog against the independent defect provider, one defect at a time (fixtures/defect-provider/
/// defect-matrix.json): exactly the checks whose pass condition the defect breaks fail, with the named cause;
/// dependents are blocked and send nothing; nothing else fails. The session's clock is fake and moves only when
/// the provider starts holding an answer back, so a stall costs no real time.
/// </summary>
public sealed class DefectMatrixTests
{
    private const string BlockedByAll = "*";
    private const string Minimal = "CL2.minimal-request";

    public static TheoryData<string> Defects => new(Matrix.Rows.Select(r => r.Defect));

    [OfflineTheory]
    [MemberData(nameof(Defects))]
    public async Task Each_defect_fails_exactly_the_checks_whose_pass_condition_it_breaks(string defect)
    {
        var row = Matrix.Rows.Single(r => r.Defect == defect);
        var (results, server, session) = await RunCatalogAsync(Enum.Parse<Defect>(defect));
        await using var _ = server;

        var others = results.Keys.Where(id => id != Minimal).ToList();
        var blocked = row.Blocked.Contains(BlockedByAll) ? others.Except(row.Failed.Keys).ToList() : row.Blocked.ToList();
        var report = string.Join("\n", results.Values.Select(r => r.ToString()));

        results.Values.Where(r => r.Status == LiveCheckStatus.Failed).ToDictionary(r => r.Id, r => r.Cause)
            .Should().BeEquivalentTo(row.Failed, $"defect {defect} breaks only these pass conditions:\n{report}");
        results.Values.Where(r => r.Status == LiveCheckStatus.Blocked).Select(r => r.Id).Should().BeEquivalentTo(blocked, report);
        results.Values.Where(r => r.Status == LiveCheckStatus.Inconclusive).Select(r => r.Id).Should().BeEquivalentTo(row.Inconclusive, report);
        results.Values.Where(r => r.Status is LiveCheckStatus.NotRun).Should().BeEmpty(report);
        foreach (var b in results.Values.Where(r => r.Status == LiveCheckStatus.Blocked))
        {
            b.BlockedBy.Should().Be(Minimal);
            b.RequestsSpent.Should().Be(0, "a blocked check sends nothing");
            b.Message.Should().StartWith($"{Minimal} failed ({row.Failed[Minimal]})");
        }

        // What the evidence would hold (messages, body excerpts, observations): no key, echoed or not, and no prompt.
        var evidence = JsonSerializer.Serialize(results.Values.Select(r => LiveCheckReport.Record(r, EvidenceTargets.Live, ["x-request-id"])));
        evidence.Should().NotContain(DefectProviderServer.ValidKey).And.NotContain(DefectProviderServer.RevokedKey)
            .And.NotContain("not-a-valid-key-0000").And.NotContain(LeakMarkers.PromptMarker);
        if (row.Defect == nameof(DefectProvider.Defect.KeyEchoed)) evidence.Should().Contain("Incorrect API key provided: [REDACTED]", "the echo is there, redacted");
        results.Values.Sum(r => r.RequestsSpent).Should().Be(session.Budget.Spent, "every request is counted against its check");
        server.RequestCount.Should().BeLessThanOrEqualTo(session.Budget.Spent, "nothing reaches the provider outside the budget");
        if (row.RequestId == "absent") results[Minimal].Call!.RequestId.Should().BeNull("the request id row says absent as a finding");
        if (row.Usage == "absent") results[Minimal].Call!.Usage.Should().BeNull("the usage row says absent as a finding");
    }

    [Theory]
    [InlineData(nameof(Defect.WrongBasePath), "configuration", "HTTP 404")]
    [InlineData(nameof(Defect.KeyRefused), "authentication", "HTTP 401")]
    public async Task A_wrong_endpoint_or_key_is_reported_once_and_everything_else_sends_nothing(string defect, string cause, string says)
    {
        var (results, server, session) = await RunCatalogAsync(Enum.Parse<Defect>(defect));
        await using var _ = server;

        results[Minimal].Cause.Should().Be(cause);
        results[Minimal].Message.Should().Contain(says).And.Contain(session.ChatUrl);
        results.Values.Count(r => r.Status == LiveCheckStatus.Failed).Should().Be(1, "one cause, reported once");
        session.Budget.Spent.Should().Be(1);
        server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task The_timeout_check_passes_against_a_provider_that_answers_instantly()
    {
        // The healthy defect provider answers at once; the deadline still falls first, on every run.
        for (var run = 0; run < 5; run++)
        {
            var (results, server, _) = await RunCatalogAsync(Defect.None);
            await using var __ = server;
            results["CL5.client-timeout"].Status.Should().Be(LiveCheckStatus.Passed, results["CL5.client-timeout"].Message);
        }
    }

    [Fact]
    public async Task The_session_runs_the_catalog_once()
    {
        await using var server = await DefectProviderServer.StartAsync();
        var session = Session(server, new FakeTimeProvider());

        var first = await LiveCheckRuns.Of(session).ResultsAsync();
        var again = await LiveCheckRuns.Of(session).ResultAsync(Minimal);

        again.Should().BeSameAs(first[Minimal]);
        session.Budget.Spent.Should().Be(first.Values.Sum(r => r.RequestsSpent));
    }

    private static async Task<(IReadOnlyDictionary<string, LiveCheckResult>, DefectProviderServer, LiveSession)> RunCatalogAsync(Defect defect)
    {
        var server = await DefectProviderServer.StartAsync(defect);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var session = Session(server, time);
        server.Stalling = () => time.Advance(session.Settings.Timeout + TimeSpan.FromSeconds(1));
        return (await LiveCheckRuns.Of(session).ResultsAsync(), server, session);
    }

    private static LiveSession Session(DefectProviderServer server, TimeProvider time) =>
        LiveSession.Open(server.BaseUrl, DefectProviderServer.ValidKey, DefectProviderServer.Model, DefectProviderServer.RevokedKey,
            new LiveSettings { Enabled = true, RunId = "defect-matrix", EvidenceDir = Path.GetTempPath(), Budget = 64 },
            TestContracts.Set, time);

    private static class Matrix
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };

        private static readonly Lazy<MatrixFile> File = new(() => JsonSerializer.Deserialize<MatrixFile>(
            System.IO.File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "defect-provider", "defect-matrix.json")), Json)!);

        public static IReadOnlyList<MatrixRow> Rows => File.Value.Rows;
    }

    private sealed record MatrixFile(string Description, IReadOnlyList<MatrixRow> Rows);

    private sealed record MatrixRow
    {
        public required string Defect { get; init; }
        public Dictionary<string, string> Failed { get; init; } = [];
        public IReadOnlyList<string> Blocked { get; init; } = [];
        public IReadOnlyList<string> Inconclusive { get; init; } = [];
        public string? RequestId { get; init; }
        public string? Usage { get; init; }
    }
}
