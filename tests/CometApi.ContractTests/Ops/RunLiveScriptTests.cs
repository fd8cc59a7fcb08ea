using System.Management.Automation.Language;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>
/// Runs and edits process-wide state (environment variables, PATH, the console): nothing else may run meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "process-wide state";
}

/// <summary>
/// run-live.ps1, run in hosted PowerShell with a fake <c>dotnet</c> first on PATH: what it checks before anything
/// runs, the environment and arguments it hands to dotnet test, what it prints, and that the key stays out of all of
/// it. A real -Simulate run of the suite from inside the suite would recurse, so dotnet is always the fake here.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class RunLiveScriptTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "run-live.ps1");

    private static readonly string[] KeyVariables = ["COMETAPI_API_KEY", "COMETAPI_KEY", "COMETAPI_REVOKED_KEY"];

    [Fact]
    public void The_script_parses_without_errors()
    {
        Parser.ParseFile(Script, out _, out var errors);

        errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}").Should().BeEmpty();
    }

    [Fact]
    public void The_script_calls_only_its_own_functions_and_dotnet()
    {
        // The utility cmdlets exist in pwsh but not in the hosted engine: a call to one would pass on a runner
        // and fail here, or the other way round, on a path these tests do not take.
        var ast = Parser.ParseFile(Script, out _, out _);
        var functions = ast.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>().Select(f => f.Name);

        var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).Distinct();

        commands.Should().BeSubsetOf(functions.Append("dotnet"));
    }

    [Fact]
    public void The_parameters_and_defaults_are_the_documented_ones_and_none_takes_a_key()
    {
        var parameters = Parser.ParseFile(Script, out _, out _).ParamBlock.Parameters
            .ToDictionary(p => p.Name.VariablePath.UserPath, p => p.DefaultValue?.Extent.Text);

        parameters.Keys.Should().Equal("BaseUrl", "Model", "Budget", "MaxTokens", "TimeoutSeconds", "Simulate", "RunId", "Filter", "Configuration");
        parameters["Budget"].Should().Be("16");
        parameters["MaxTokens"].Should().Be("16");
        parameters["TimeoutSeconds"].Should().Be("30");
        parameters["Configuration"].Should().Be("'Debug'");
        parameters.Keys.Should().NotContain(k => k.Contains("Key", StringComparison.OrdinalIgnoreCase), "keys never go on command lines");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Without_a_key_and_without_Simulate_it_stops_with_exit_code_2_before_running_anything(string? blankKey)
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 0);
        env.Set("PATH", dotnet.PathWithFakeFirst).Set("COMETAPI_API_KEY", blankKey).Set("COMETAPI_KEY", null);
        var runId = NewRunId();

        var run = ScriptHost.Run(Script, new Dictionary<string, object> { ["RunId"] = runId });

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("No API key").And.Contain("COMETAPI_API_KEY").And.Contain("COMETAPI_KEY").And.Contain("-Simulate");
        dotnet.WasInvoked.Should().BeFalse("nothing may run without a key");
        Directory.Exists(ResultsDir(runId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_run_id_that_is_not_one_safe_folder_name_is_refused(string runId)
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 0);
        env.Set("PATH", dotnet.PathWithFakeFirst);

        var run = ScriptHost.Run(Script, new Dictionary<string, object> { ["Simulate"] = true, ["RunId"] = runId });

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("-RunId");
        dotnet.WasInvoked.Should().BeFalse();
    }

    [Fact]
    public void Simulate_sets_the_live_environment_runs_dotnet_test_with_loggers_and_propagates_its_exit_code()
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 3);
        var realKey = LeakMarkers.NewApiKey();
        // The caller starts outside live mode (even when this suite itself runs live), so "comes back" is checkable.
        env.Set("PATH", dotnet.PathWithFakeFirst).Set("COMETAPI_EVIDENCE_DIR", null).Set("COMETAPI_LIVE", null).Set("COMETAPI_SIMULATE", null)
            .Set("COMETAPI_API_KEY", realKey).Set("COMETAPI_KEY", realKey).Set("COMETAPI_REVOKED_KEY", realKey);
        var runId = NewRunId();

        var run = ScriptHost.Run(Script, new Dictionary<string, object>
        {
            ["Simulate"] = true, ["RunId"] = runId, ["Budget"] = 5, ["MaxTokens"] = 8, ["Filter"] = "Checklist=PONG",
        });

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
        Environment.GetEnvironmentVariable("COMETAPI_LIVE").Should().BeNull("the caller's environment comes back after the run");
        Environment.GetEnvironmentVariable("COMETAPI_API_KEY").Should().Be(realKey);
    }

    [Fact]
    public void The_default_run_id_is_live_and_the_utc_time()
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 0);
        env.Set("PATH", dotnet.PathWithFakeFirst);

        var run = ScriptHost.Run(Script, new Dictionary<string, object> { ["Simulate"] = true });

        run.ExitCode.Should().Be(0);
        dotnet.Environment["COMETAPI_RUN_ID"].Should().MatchRegex(@"^live-\d{8}-\d{6}$");
        DateTime.ParseExact(dotnet.Environment["COMETAPI_RUN_ID"][5..], "yyyyMMdd-HHmmss", null)
            .Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData("COMETAPI_API_KEY")]
    [InlineData("COMETAPI_KEY")]
    public void A_live_run_hands_the_key_to_dotnet_through_the_environment_only_and_never_prints_it(string keyVariable)
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 1);
        var key = LeakMarkers.NewApiKey();
        env.Set("PATH", dotnet.PathWithFakeFirst).Set("COMETAPI_API_KEY", null).Set("COMETAPI_KEY", null)
            .Set(keyVariable, key).Set("COMETAPI_SIMULATE", "1");
        var runId = NewRunId();

        var run = ScriptHost.Run(Script, new Dictionary<string, object>
        {
            ["RunId"] = runId, ["BaseUrl"] = "https://api.cometapi.com/v1", ["Model"] = "gpt-5.4-mini", ["TimeoutSeconds"] = 45,
        });

        run.ExitCode.Should().Be(1);
        dotnet.Environment.Should().Contain(keyVariable, key).And.Contain("COMETAPI_LIVE", "1")
            .And.Contain("COMETAPI_BASE_URL", "https://api.cometapi.com/v1").And.Contain("COMETAPI_MODEL", "gpt-5.4-mini")
            .And.Contain("COMETAPI_TIMEOUT_SECONDS", "45");
        dotnet.Environment.Keys.Should().NotContain("COMETAPI_SIMULATE", "a live run is never simulated, whatever the caller's environment says");
        dotnet.Args.Should().NotContain(a => a.Contains(key, StringComparison.Ordinal));
        run.Stdout.Should().Contain($"key from {keyVariable}").And.Contain("https://api.cometapi.com/v1");
        run.AllText.Should().NotContain(key);
    }

    [Fact]
    public void A_base_url_is_printed_without_user_info_or_query()
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 0);
        var key = LeakMarkers.NewApiKey();
        env.Set("PATH", dotnet.PathWithFakeFirst).Set("COMETAPI_API_KEY", key);

        var run = ScriptHost.Run(Script, new Dictionary<string, object>
        {
            ["RunId"] = NewRunId(), ["BaseUrl"] = $"https://user:{key}@gateway.example/v1?key={key}",
        });

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("https://gateway.example/v1");
        run.AllText.Should().NotContain(key);
    }

    [Fact]
    public void Evidence_that_the_run_wrote_is_printed_where_COMETAPI_EVIDENCE_DIR_points()
    {
        using var env = EnvironmentScope.Begin();
        using var dotnet = new FakeDotnet(exitCode: 0);
        var evidenceRoot = Directory.CreateTempSubdirectory("evidence-");
        try
        {
            var runId = NewRunId();
            var bundle = Directory.CreateDirectory(Path.Combine(evidenceRoot.FullName, runId));
            File.WriteAllText(Path.Combine(bundle.FullName, "evidence.json"), "{}");
            File.WriteAllText(Path.Combine(bundle.FullName, "launch-ticket.md"), "# ticket");
            env.Set("PATH", dotnet.PathWithFakeFirst).Set("COMETAPI_EVIDENCE_DIR", evidenceRoot.FullName);

            var run = ScriptHost.Run(Script, new Dictionary<string, object> { ["Simulate"] = true, ["RunId"] = runId });

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
}
