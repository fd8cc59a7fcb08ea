using System.Net;
using System.Text.Json.Nodes;

namespace CometApi.ContractTests.Simulator;

/// <summary>
/// The static scenario mappings are plain WireMock.Net mapping files: loaded into a bare server with WireMock's own
/// <c>ReadStaticMappingAndAddOrUpdate</c>/<c>ReadStaticMappings</c> and no code of ours, they answer as the suite's mount
/// does. The README's list of scenarios that need our responders is generated from the catalog.
/// </summary>
public sealed class PortableMappingTests : IDisposable
{
    private const string Start = "<!-- responder-scenarios:start (generated from fixtures/scenarios.json; UPDATE_README=1 dotnet test --filter PortableMapping rewrites it) -->";
    private const string End = "<!-- responder-scenarios:end -->";

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public static TheoryData<string, bool> StaticCases { get; } = Cases(ScenarioModeKind.Mapping);

    [Theory]
    [MemberData(nameof(StaticCases))]
    public async Task A_static_mapping_file_answers_in_a_bare_wiremock_server_as_the_suites_mount_does(string name, bool streaming)
    {
        var scenario = FixtureCatalog.Default[name];
        var file = FixtureCatalog.Default.PathOf(scenario.ModeFor(streaming)!.Mapping!);
        using var bare = LoopbackServer.Start(); // WireMock.Net's defaults but the loopback URL: no code of ours
        using var suite = LoopbackServer.Start();
        ScenarioSimulator.Mount(suite, scenario, streaming);

        bare.ReadStaticMappingAndAddOrUpdate(file).Should().BeTrue();
        bare.Mappings.Where(m => !m.IsAdminInterface).Should().HaveCount(StaticMappings.Read(file).Count);

        if (name == "slow-headers")
        {
            // Its answer is held 2 s: check the delay is in the loaded mapping rather than wait it out.
            bare.MappingModels.Single().Response.Delay.Should().BeGreaterThan(0);
            return;
        }

        var expect = scenario.ExpectFor(streaming);
        WireAnswer? last = null;
        for (var attempt = 1; attempt <= Math.Max(2, expect.Attempts); attempt++)
        {
            var fromBare = await WireAnswer.CaptureAsync(_http, Chat(bare.Url!, streaming), null);
            var fromSuite = await WireAnswer.CaptureAsync(_http, Chat(suite.Url!, streaming), null);
            if (IsMalformedChunk(file))
            {
                // WireMock garbles the body at random (different bytes on every read): compare everything else.
                fromBare.Body.Should().NotBeEmpty();
                (fromBare with { Body = "" }).Should().Be(fromSuite with { Body = "" }, $"attempt {attempt}");
            }
            else
            {
                fromBare.Should().Be(fromSuite, $"attempt {attempt}");
            }

            last = fromBare;
        }

        if (expect.Status is { } status) last!.Status.Should().Be(status);
    }

    [Fact]
    public void The_whole_mappings_folder_loads_with_read_static_mappings_and_no_guid_clash()
    {
        var folder = Path.Combine(FixtureCatalog.Default.Root, "mappings");
        using var bare = LoopbackServer.Start();

        bare.ReadStaticMappings(folder);

        var inFiles = Directory.GetFiles(folder, "*.json").Sum(f => StaticMappings.Read(f).Count);
        bare.Mappings.Count(m => !m.IsAdminInterface).Should().Be(inFiles, "each mapping has its own Guid, so none replaces another");
        FixtureCatalog.Default.Scenarios.SelectMany(s => new[] { s.Modes.NonStreaming, s.Modes.Streaming })
            .Where(m => m?.Mapping is not null).Select(m => Path.GetFullPath(FixtureCatalog.Default.PathOf(m!.Mapping!)))
            .Should().OnlyContain(p => p.StartsWith(folder, StringComparison.Ordinal), "every static scenario mapping is in that folder");
    }

    [Fact]
    public void Every_mode_is_a_static_mapping_or_has_a_stated_reason_for_a_responder()
    {
        foreach (var (scenario, streaming) in FixtureCatalog.Default.Cases())
        {
            var mode = scenario.ModeFor(streaming)!;
            (ScenarioPortability.ResponderReason(mode) is null).Should().Be(mode.Kind == ScenarioModeKind.Mapping, scenario.Name);
        }

        Cases(ScenarioModeKind.Responder).Should().NotBeEmpty();
        Cases(ScenarioModeKind.Sse).Should().NotBeEmpty();
    }

    [Fact]
    public void The_readme_lists_the_scenarios_that_need_our_responders()
    {
        var readme = File.ReadAllText(RepoPaths.Readme).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, "README.md must hold the table markers");
        end.Should().BeGreaterThan(start);

        var expected = ScenarioPortability.RenderTable(FixtureCatalog.Default);
        var actual = readme[(start + Start.Length)..end].Trim('\n');
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            File.WriteAllText(RepoPaths.Readme, readme[..(start + Start.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }

        actual.Should().Be(expected, "run `UPDATE_README=1 dotnet test --filter PortableMapping` after changing the catalog");
    }

    private static bool IsMalformedChunk(string file) =>
        StaticMappings.Read(file).Any(m => m["Response"]?["Fault"]?["Type"]?.GetValue<string>() == WireMockFault.MalformedResponseChunk);

    private static TheoryData<string, bool> Cases(ScenarioModeKind kind)
    {
        var data = new TheoryData<string, bool>();
        foreach (var (scenario, streaming) in FixtureCatalog.Default.Cases().Where(c => c.Scenario.ModeFor(c.Streaming)!.Kind == kind))
            data.Add(scenario.Name, streaming);
        return data;
    }

    private static HttpRequestMessage Chat(string url, bool streaming) =>
        new(HttpMethod.Post, url + ScenarioSimulator.ChatCompletionsPath)
        {
            Content = new StringContent($$"""{"model":"gpt-5.4-mini","messages":[{"role":"user","content":"ping"}],"stream":{{(streaming ? "true" : "false")}}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };

    public void Dispose() => _http.Dispose();
}
