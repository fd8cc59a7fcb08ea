using System.Text.Json;
using Cases = CometApi.ContractTests.Ops.RunLiveScriptCases;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>
/// run-live.ps1 under the repository's pinned PowerShell (<c>dotnet pwsh</c>, a child process) with a fake
/// <c>dotnet</c> first on its PATH: its help, what it checks before anything runs, the environment and arguments it
/// hands to dotnet test, what it prints, and that the key stays out of all of it. A real -Simulate run of the suite
/// from inside the suite would recurse, so dotnet is always the fake here.
/// </summary>
public sealed class RunLiveScriptTests(RunLiveScriptTests.StaticReport report, RunLiveScriptCases cases)
    : IClassFixture<RunLiveScriptTests.StaticReport>, IClassFixture<RunLiveScriptCases>
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "run-live.ps1");

    private static readonly string[] KeyVariables = ["COMETAPI_API_KEY", "COMETAPI_KEY", "COMETAPI_REVOKED_KEY"];

    [Fact]
    public void The_script_parses_without_errors()
    {
        report.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty();
    }

    [Fact]
    public void Every_command_the_script_calls_is_its_own_function_or_ships_with_the_pinned_pwsh()
    {
        // Utility cmdlets are welcome; a command from a module that is not installed would fail only on a path these tests do not take.
        report.Json.GetProperty("commands").EnumerateArray().Select(e => e.GetString()).Should().Contain(["Write-Verbose", "Test-Path", "Join-Path", "dotnet"]);
        report.Json.GetProperty("unresolved").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty();
    }

    [Fact]
    public void The_parameters_and_defaults_are_the_documented_ones_and_none_takes_a_key()
    {
        var parameters = report.Json.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        parameters.Keys.Should().Equal("BaseUrl", "Model", "Budget", "MaxTokens", "TimeoutSeconds", "Simulate", "RunId", "Filter", "Configuration", "Provider");
        parameters["Budget"].Should().Be("16");
        parameters["MaxTokens"].Should().Be("16");
        parameters["TimeoutSeconds"].Should().Be("30");
        parameters["Configuration"].Should().Be("'Debug'");
        parameters["Provider"].Should().Be("'cometapi'");
        parameters.Keys.Should().NotContain(k => k.Contains("Key", StringComparison.OrdinalIgnoreCase), "keys never go on command lines");
    }

    [Fact]
    public void Get_Help_Full_shows_the_synopsis_every_parameter_and_the_examples()
    {
        var help = report.Json.GetProperty("help").GetString()!;

        help.Should().Contain("Runs the contract suite with its live checks on")
            .And.Contain("dotnet tool restore", "the description says how to get the pinned pwsh")
            .And.Contain("Exit codes");
        foreach (var parameter in report.Json.GetProperty("parameters").EnumerateObject())
            help.Should().Contain($"-{parameter.Name} ", "every parameter is documented");
        help.Should().Contain("COMETAPI_PROVIDER").And.Contain("contracts/providers");
        help.Should().Contain("dotnet pwsh ./run-live.ps1 -Simulate -Verbose");
        help.Split("-------------------------- EXAMPLE").Should().HaveCount(4, "three examples");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Without_a_key_and_without_Simulate_it_stops_with_exit_code_2_before_running_anything(string? blankKey)
    {
        var run = cases[Cases.NoKey(blankKey)];

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("No API key").And.Contain("COMETAPI_API_KEY").And.Contain("COMETAPI_KEY").And.Contain("-Simulate");
        run.Dotnet.WasInvoked.Should().BeFalse("nothing may run without a key");
        Directory.Exists(ResultsDir(run.RunId!)).Should().BeFalse();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_run_id_that_is_not_one_safe_folder_name_is_refused(string runId)
    {
        var run = cases[Cases.BadRunId(runId)];

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("-RunId");
        run.Dotnet.WasInvoked.Should().BeFalse();
    }

    [Fact]
    public void A_provider_without_a_profile_folder_is_refused_and_the_known_ones_are_named()
    {
        var run = cases[Cases.UnknownProvider];

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("-Provider 'no-such-provider'").And.Contain("known: " + string.Join(", ", KnownProviders()));
        run.Dotnet.WasInvoked.Should().BeFalse();
    }

    [Fact]
    public void Simulate_sets_the_live_environment_runs_dotnet_test_with_loggers_and_propagates_its_exit_code()
    {
        var run = cases[Cases.Simulate];
        var runId = run.RunId!;

        run.ExitCode.Should().Be(3, "the script exits with dotnet test's exit code");
        run.Dotnet.Args.Should().Equal(
            "test", Path.Combine(RepoPaths.Root, "ContractTests.sln"),
            "--configuration", "Debug",
            "--results-directory", ResultsDir(runId),
            "--logger", "trx;LogFileName=live.trx",
            "--logger", $"junit;LogFilePath={Path.Combine(ResultsDir(runId), "live.junit.xml")}",
            "--filter", "Checklist=PONG");
        var evidenceRoot = Path.Combine(RepoPaths.Root, "artifacts", "evidence");
        run.Dotnet.Environment.Should().Contain(new Dictionary<string, string>
        {
            ["COMETAPI_LIVE"] = "1",
            ["COMETAPI_SIMULATE"] = "1",
            ["COMETAPI_PROVIDER"] = "cometapi",
            ["COMETAPI_LIVE_BUDGET"] = "5",
            ["COMETAPI_LIVE_MAX_TOKENS"] = "8",
            ["COMETAPI_TIMEOUT_SECONDS"] = "30",
            ["COMETAPI_RUN_ID"] = runId,
            ["COMETAPI_EVIDENCE_DIR"] = evidenceRoot,
        });
        run.Dotnet.Environment.Keys.Should().NotContain(KeyVariables, "a simulated run gets no real key");
        run.Stdout.Should().Contain($"evidence MISSING {Path.Combine(evidenceRoot, runId, "evidence.json")}")
            .And.Contain($"evidence MISSING {Path.Combine(evidenceRoot, runId, "launch-ticket.md")}")
            .And.Contain(ResultsDir(runId));
        run.AllText.Should().NotContain(run.Key!);
        run.EnvironmentRestored.Should().BeTrue("the caller's environment (live mode off, the real key) comes back after the run");
    }

    [Fact]
    public void The_default_run_id_is_live_and_the_utc_time()
    {
        var run = cases[Cases.DefaultRunId];

        run.ExitCode.Should().Be(0);
        run.Dotnet.Environment["COMETAPI_RUN_ID"].Should().MatchRegex(@"^live-\d{8}-\d{6}$");
        DateTime.ParseExact(run.Dotnet.Environment["COMETAPI_RUN_ID"][5..], "yyyyMMdd-HHmmss", null)
            .Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("COMETAPI_API_KEY")]
    [InlineData("COMETAPI_KEY")]
    public void A_live_run_hands_the_key_to_dotnet_through_the_environment_only_and_never_prints_it(string keyVariable)
    {
        var run = cases[Cases.LiveRun(keyVariable)];
        var key = run.Key!;

        run.ExitCode.Should().Be(1);
        run.Dotnet.Environment.Should().Contain(keyVariable, key).And.Contain("COMETAPI_LIVE", "1")
            .And.Contain("COMETAPI_BASE_URL", "https://api.cometapi.com/v1").And.Contain("COMETAPI_MODEL", "gpt-5.4-mini")
            .And.Contain("COMETAPI_TIMEOUT_SECONDS", "45");
        run.Dotnet.Environment.Keys.Should().NotContain("COMETAPI_SIMULATE", "a live run is never simulated, whatever the caller's environment says");
        run.Dotnet.Args.Should().NotContain(a => a.Contains(key, StringComparison.Ordinal));
        run.Stdout.Should().Contain($"key from {keyVariable}").And.Contain("https://api.cometapi.com/v1");
        // -Verbose names every variable it sets and the dotnet command, never a value that could be a key.
        run.Stdout.Should().Contain("VERBOSE: run-live: COMETAPI_LIVE set").And.Contain("VERBOSE: run-live: dotnet test ");
        run.AllText.Should().NotContain(key);
        run.EnvironmentRestored.Should().BeTrue();
    }

    [Fact]
    public void A_base_url_is_printed_without_user_info_or_query()
    {
        var run = cases[Cases.SecretInBaseUrl];

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("https://gateway.example/v1");
        run.AllText.Should().NotContain(run.Key!);
    }

    [Fact]
    public void Evidence_that_the_run_wrote_is_printed_where_COMETAPI_EVIDENCE_DIR_points()
    {
        var run = cases[Cases.EvidenceWritten];
        var bundle = Path.Combine(cases.EvidenceRoot, run.RunId!);

        run.Dotnet.Environment["COMETAPI_EVIDENCE_DIR"].Should().Be(cases.EvidenceRoot);
        run.Stdout.Should().Contain($"evidence {Path.Combine(bundle, "evidence.json")}")
            .And.Contain($"evidence {Path.Combine(bundle, "launch-ticket.md")}")
            .And.NotContain("MISSING");
    }

    [Fact]
    public void Run_as_a_file_the_way_CI_does_it_behaves_the_same()
    {
        var run = cases[Cases.AsFile];

        run.ExitCode.Should().Be(3);
        run.Dotnet.Environment.Should().Contain("COMETAPI_SIMULATE", "1").And.Contain("COMETAPI_RUN_ID", run.RunId!);
        run.Stdout.Should().Contain("run-live: dotnet test exited with 3");
    }

    private static string NewRunId() => $"test-{Guid.NewGuid():N}";

    private static string ResultsDir(string runId) => Path.Combine(RepoPaths.Root, "artifacts", "test-results", runId);

    /// <summary>The provider profiles the script accepts: the folders of contracts/providers, or cometapi alone without it.</summary>
    private static IEnumerable<string> KnownProviders()
    {
        var folder = Path.Combine(RepoPaths.Contracts, "providers");
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : ["cometapi"];
    }

    /// <summary>
    /// What the pinned pwsh itself says about the script, asked once: parse errors, the commands it calls and which
    /// of them pwsh cannot resolve, the parameters with their defaults, and the <c>Get-Help -Full</c> text.
    /// </summary>
    public sealed class StaticReport : IAsyncLifetime
    {
        private const string Command = """
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $PWD 'run-live.ps1'), [ref]$tokens, [ref]$errors)
            $functions = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object Name)
            $commands = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } | Sort-Object -Unique)
            $parameters = [ordered]@{}
            foreach ($p in $ast.ParamBlock.Parameters) { $parameters[$p.Name.VariablePath.UserPath] = if ($p.DefaultValue) { $p.DefaultValue.Extent.Text } else { $null } }
            [ordered]@{
                errors = @($errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" })
                commands = $commands
                unresolved = @($commands | Where-Object { $_ -notin $functions -and -not (Get-Command $_ -ErrorAction SilentlyContinue) })
                parameters = $parameters
                help = (Get-Help ./run-live.ps1 -Full | Out-String -Width 250)
            } | ConvertTo-Json -Depth 4
            """;

        public JsonElement Json { get; private set; }

        public async Task InitializeAsync()
        {
            var run = await ScriptHost.RunCommandAsync(Command);
            if (run.ExitCode != 0) throw new InvalidOperationException($"pwsh could not report on run-live.ps1 (exit {run.ExitCode}): {run.Stderr}");
            Json = JsonDocument.Parse(run.Stdout).RootElement.Clone();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
