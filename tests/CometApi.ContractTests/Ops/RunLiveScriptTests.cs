using System.Text.Json;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>
/// run-live.ps1 under the repository's pinned PowerShell (<c>dotnet pwsh</c>, a child process) with a fake
/// <c>dotnet</c> first on its PATH: its help, what it checks before anything runs, the environment and arguments it
/// hands to dotnet test, what it prints, and that the key stays out of all of it. A real -Simulate run of the suite
/// from inside the suite would recurse, so dotnet is always the fake here.
/// </summary>
public sealed class RunLiveScriptTests(RunLiveScriptTests.StaticReport report) : IClassFixture<RunLiveScriptTests.StaticReport>
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
    public async Task Without_a_key_and_without_Simulate_it_stops_with_exit_code_2_before_running_anything(string? blankKey)
    {
        using var dotnet = new FakeDotnet(exitCode: 0);
        var runId = NewRunId();

        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object> { ["RunId"] = runId },
            Env(dotnet, ("COMETAPI_API_KEY", blankKey), ("COMETAPI_KEY", null)));

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("No API key").And.Contain("COMETAPI_API_KEY").And.Contain("COMETAPI_KEY").And.Contain("-Simulate");
        dotnet.WasInvoked.Should().BeFalse("nothing may run without a key");
        Directory.Exists(ResultsDir(runId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task A_run_id_that_is_not_one_safe_folder_name_is_refused(string runId)
    {
        using var dotnet = new FakeDotnet(exitCode: 0);

        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object> { ["Simulate"] = true, ["RunId"] = runId }, Env(dotnet));

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("-RunId");
        dotnet.WasInvoked.Should().BeFalse();
    }

    [Fact]
    public async Task A_provider_without_a_profile_folder_is_refused_and_the_known_ones_are_named()
    {
        using var dotnet = new FakeDotnet(exitCode: 0);

        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object> { ["Simulate"] = true, ["Provider"] = "no-such-provider" }, Env(dotnet));

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("-Provider 'no-such-provider'").And.Contain("known: " + string.Join(", ", KnownProviders()));
        dotnet.WasInvoked.Should().BeFalse();
    }

    [Fact]
    public async Task Simulate_sets_the_live_environment_runs_dotnet_test_with_loggers_and_propagates_its_exit_code()
    {
        using var dotnet = new FakeDotnet(exitCode: 3);
        var realKey = LeakMarkers.NewApiKey();
        var runId = NewRunId();

        // Run the way an interactive session does (in the caller's own PowerShell), so "the caller's environment comes
        // back" is checkable; the caller starts outside live mode, even when this suite itself runs live.
        var run = await ScriptHost.RunCommandAsync(
            $"& ./run-live.ps1 -Simulate -RunId {runId} -Budget 5 -MaxTokens 8 -Filter 'Checklist=PONG'; $code = $LASTEXITCODE; " +
            "Write-Host \"after: live=[$env:COMETAPI_LIVE] provider=[$env:COMETAPI_PROVIDER] key=[$($env:COMETAPI_API_KEY -eq $env:EXPECTED_KEY)]\"; exit $code",
            Env(dotnet, ("COMETAPI_EVIDENCE_DIR", null), ("COMETAPI_LIVE", null), ("COMETAPI_SIMULATE", null), ("COMETAPI_PROVIDER", null),
                ("COMETAPI_API_KEY", realKey), ("COMETAPI_KEY", realKey), ("COMETAPI_REVOKED_KEY", realKey), ("EXPECTED_KEY", realKey)));

        run.ExitCode.Should().Be(3, "the script exits with dotnet test's exit code");
        dotnet.Args.Should().Equal(
            "test", Path.Combine(RepoPaths.Root, "ContractTests.sln"),
            "--configuration", "Debug",
            "--results-directory", ResultsDir(runId),
            "--logger", "trx;LogFileName=live.trx",
            "--logger", $"junit;LogFilePath={Path.Combine(ResultsDir(runId), "live.junit.xml")}",
            "--filter", "Checklist=PONG");
        var evidenceRoot = Path.Combine(RepoPaths.Root, "artifacts", "evidence");
        dotnet.Environment.Should().Contain(new Dictionary<string, string>
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
        dotnet.Environment.Keys.Should().NotContain(KeyVariables, "a simulated run gets no real key");
        run.Stdout.Should().Contain($"evidence MISSING {Path.Combine(evidenceRoot, runId, "evidence.json")}")
            .And.Contain($"evidence MISSING {Path.Combine(evidenceRoot, runId, "launch-ticket.md")}")
            .And.Contain(ResultsDir(runId));
        run.AllText.Should().NotContain(realKey);
        run.Stdout.Should().Contain("after: live=[] provider=[] key=[True]", "the caller's environment comes back after the run");
    }

    [Fact]
    public async Task The_default_run_id_is_live_and_the_utc_time()
    {
        using var dotnet = new FakeDotnet(exitCode: 0);

        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object> { ["Simulate"] = true }, Env(dotnet));

        run.ExitCode.Should().Be(0);
        dotnet.Environment["COMETAPI_RUN_ID"].Should().MatchRegex(@"^live-\d{8}-\d{6}$");
        DateTime.ParseExact(dotnet.Environment["COMETAPI_RUN_ID"][5..], "yyyyMMdd-HHmmss", null)
            .Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("COMETAPI_API_KEY")]
    [InlineData("COMETAPI_KEY")]
    public async Task A_live_run_hands_the_key_to_dotnet_through_the_environment_only_and_never_prints_it(string keyVariable)
    {
        using var dotnet = new FakeDotnet(exitCode: 1);
        var key = LeakMarkers.NewApiKey();
        var runId = NewRunId();

        // -Verbose too: it names every variable it sets and the dotnet command, never a value that could be a key.
        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object>
        {
            ["RunId"] = runId, ["BaseUrl"] = "https://api.cometapi.com/v1", ["Model"] = "gpt-5.4-mini", ["TimeoutSeconds"] = 45, ["Verbose"] = true,
        }, Env(dotnet, ("COMETAPI_API_KEY", null), ("COMETAPI_KEY", null), (keyVariable, key), ("COMETAPI_SIMULATE", "1")));

        run.ExitCode.Should().Be(1);
        dotnet.Environment.Should().Contain(keyVariable, key).And.Contain("COMETAPI_LIVE", "1")
            .And.Contain("COMETAPI_BASE_URL", "https://api.cometapi.com/v1").And.Contain("COMETAPI_MODEL", "gpt-5.4-mini")
            .And.Contain("COMETAPI_TIMEOUT_SECONDS", "45");
        dotnet.Environment.Keys.Should().NotContain("COMETAPI_SIMULATE", "a live run is never simulated, whatever the caller's environment says");
        dotnet.Args.Should().NotContain(a => a.Contains(key, StringComparison.Ordinal));
        run.Stdout.Should().Contain($"key from {keyVariable}").And.Contain("https://api.cometapi.com/v1");
        run.AllText.Should().Contain("VERBOSE: run-live: COMETAPI_LIVE set").And.Contain("VERBOSE: run-live: dotnet test ");
        run.AllText.Should().NotContain(key);
    }

    [Fact]
    public async Task A_base_url_is_printed_without_user_info_or_query()
    {
        using var dotnet = new FakeDotnet(exitCode: 0);
        var key = LeakMarkers.NewApiKey();

        var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object>
        {
            ["RunId"] = NewRunId(), ["BaseUrl"] = $"https://user:{key}@gateway.example/v1?key={key}",
        }, Env(dotnet, ("COMETAPI_API_KEY", key)));

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("https://gateway.example/v1");
        run.AllText.Should().NotContain(key);
    }

    [Fact]
    public async Task Evidence_that_the_run_wrote_is_printed_where_COMETAPI_EVIDENCE_DIR_points()
    {
        using var dotnet = new FakeDotnet(exitCode: 0);
        var evidenceRoot = Directory.CreateTempSubdirectory("evidence-");
        try
        {
            var runId = NewRunId();
            var bundle = Directory.CreateDirectory(Path.Combine(evidenceRoot.FullName, runId));
            File.WriteAllText(Path.Combine(bundle.FullName, "evidence.json"), "{}");
            File.WriteAllText(Path.Combine(bundle.FullName, "launch-ticket.md"), "# ticket");

            var run = await ScriptHost.RunFileAsync(Script, new Dictionary<string, object> { ["Simulate"] = true, ["RunId"] = runId },
                Env(dotnet, ("COMETAPI_EVIDENCE_DIR", evidenceRoot.FullName)));

            dotnet.Environment["COMETAPI_EVIDENCE_DIR"].Should().Be(evidenceRoot.FullName);
            run.Stdout.Should().Contain($"evidence {Path.Combine(bundle.FullName, "evidence.json")}")
                .And.Contain($"evidence {Path.Combine(bundle.FullName, "launch-ticket.md")}")
                .And.NotContain("MISSING");
        }
        finally
        {
            evidenceRoot.Delete(recursive: true);
        }
    }

    private static string NewRunId() => $"test-{Guid.NewGuid():N}";

    private static string ResultsDir(string runId) => Path.Combine(RepoPaths.Root, "artifacts", "test-results", runId);

    /// <summary>The provider profiles the script accepts: the folders of contracts/providers, or cometapi alone without it.</summary>
    private static IEnumerable<string> KnownProviders()
    {
        var folder = Path.Combine(RepoPaths.Contracts, "providers");
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : ["cometapi"];
    }

    /// <summary>The child's environment: the fake dotnet first on PATH, and the given variables set or (null) removed.</summary>
    private static Dictionary<string, string?> Env(FakeDotnet dotnet, params (string Name, string? Value)[] variables)
    {
        var env = new Dictionary<string, string?> { ["PATH"] = dotnet.PathWithFakeFirst };
        foreach (var (name, value) in variables) env[name] = value;
        return env;
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
