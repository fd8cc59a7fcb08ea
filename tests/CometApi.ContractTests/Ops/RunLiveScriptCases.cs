using System.Text.Json;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>
/// Every run of run-live.ps1 the script tests look at, made in ONE pinned pwsh process (a pwsh start costs about a
/// second of CPU): each case gets its own fake dotnet first on PATH and its own variables, runs as an interactive
/// user runs it (<c>&amp; ./run-live.ps1 ...</c> in their session, so whether the session's environment comes back is
/// visible), and the session is put back to where it began before the next case. One more case runs the script as a
/// file (<c>pwsh -File</c>), the way CI starts it.
/// </summary>
public sealed class RunLiveScriptCases : IAsyncLifetime, IDisposable
{
    public const string Simulate = "simulate";
    public const string DefaultRunId = "default-run-id";
    public const string UnknownProvider = "unknown-provider";
    public const string SecretInBaseUrl = "secret-in-base-url";
    public const string EvidenceWritten = "evidence-written";
    public const string AsFile = "as-file";

    private const string Batch = """
        $cases = Get-Content -Raw -LiteralPath $env:RUN_LIVE_CASES | ConvertFrom-Json -AsHashtable
        $baseline = [Environment]::GetEnvironmentVariables()
        function Get-Watched { Get-ChildItem Env: | Where-Object Name -match '^(COMETAPI_|PATH$)' | ForEach-Object { "$($_.Name)=$($_.Value)" } | Sort-Object }
        function Set-CaseVariable([string]$Name, $Value) {
            # A null is a removal; PowerShell would pass it to .NET as '' and leave an empty variable behind.
            if ($null -eq $Value) { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "Env:$Name" -Value $Value }
        }
        foreach ($case in $cases) {
            foreach ($name in $case.env.Keys) { Set-CaseVariable $name $case.env[$name] }
            $before = Get-Watched
            [Console]::Out.WriteLine("@@case $($case.name)"); [Console]::Error.WriteLine("@@case $($case.name)")
            $parameters = $case.parameters
            $global:LASTEXITCODE = $null
            try { & ./run-live.ps1 @parameters; $code = $LASTEXITCODE } catch { [Console]::Error.WriteLine("threw: $_"); $code = -1 }
            $restored = $null -eq (Compare-Object @($before) @(Get-Watched))
            [Console]::Out.WriteLine("@@end $code $restored")
            foreach ($name in @([Environment]::GetEnvironmentVariables().Keys)) { if (-not $baseline.Contains($name)) { Set-CaseVariable $name $null } }
            foreach ($name in $baseline.Keys) { Set-CaseVariable $name $baseline[$name] }
        }
        """;

    private readonly List<ScriptCase> _cases = [];
    private readonly Dictionary<string, CaseRun> _runs = [];
    private readonly DirectoryInfo _evidenceRoot = Directory.CreateTempSubdirectory("evidence-");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("run-live-cases-");

    public RunLiveScriptCases()
    {
        foreach (var blank in new string?[] { null, "   " })
            Add(NoKey(blank), 0, new() { ["RunId"] = NewRunId() }, ("COMETAPI_API_KEY", blank), ("COMETAPI_KEY", null));
        foreach (var runId in new[] { "../escape", "a/b", "" })
            Add(BadRunId(runId), 0, new() { ["Simulate"] = true, ["RunId"] = runId });
        Add(UnknownProvider, 0, new() { ["Simulate"] = true, ["Provider"] = "no-such-provider" });
        // The caller starts outside live mode (even when this suite itself runs live) and holds a real key.
        var realKey = LeakMarkers.NewApiKey();
        Add(Simulate, 3, new() { ["Simulate"] = true, ["RunId"] = NewRunId(), ["Budget"] = 5, ["MaxTokens"] = 8, ["Filter"] = "Checklist=PONG" },
            realKey, ("COMETAPI_EVIDENCE_DIR", null), ("COMETAPI_LIVE", null), ("COMETAPI_SIMULATE", null), ("COMETAPI_PROVIDER", null),
            ("COMETAPI_API_KEY", realKey), ("COMETAPI_KEY", realKey), ("COMETAPI_REVOKED_KEY", realKey));
        Add(DefaultRunId, 0, new() { ["Simulate"] = true });
        foreach (var keyVariable in new[] { "COMETAPI_API_KEY", "COMETAPI_KEY" })
        {
            var key = LeakMarkers.NewApiKey();
            Add(LiveRun(keyVariable), 1, new()
            {
                ["RunId"] = NewRunId(), ["BaseUrl"] = "https://api.cometapi.com/v1", ["Model"] = "gpt-5.4-mini", ["TimeoutSeconds"] = 45, ["Verbose"] = true,
            }, key, ("COMETAPI_API_KEY", null), ("COMETAPI_KEY", null), (keyVariable, key), ("COMETAPI_SIMULATE", "1"));
        }

        var urlKey = LeakMarkers.NewApiKey();
        Add(SecretInBaseUrl, 0, new() { ["RunId"] = NewRunId(), ["BaseUrl"] = $"https://user:{urlKey}@gateway.example/v1?key={urlKey}" },
            urlKey, ("COMETAPI_API_KEY", urlKey));
        var evidenceRunId = NewRunId();
        var bundle = Directory.CreateDirectory(Path.Combine(EvidenceRoot, evidenceRunId));
        File.WriteAllText(Path.Combine(bundle.FullName, "evidence.json"), "{}");
        File.WriteAllText(Path.Combine(bundle.FullName, "launch-ticket.md"), "# ticket");
        Add(EvidenceWritten, 0, new() { ["Simulate"] = true, ["RunId"] = evidenceRunId }, ("COMETAPI_EVIDENCE_DIR", EvidenceRoot));
        Add(AsFile, 3, new() { ["Simulate"] = true, ["RunId"] = NewRunId() });
    }

    public static string NoKey(string? blankKey) => $"no-key:{blankKey ?? "unset"}";
    public static string BadRunId(string runId) => $"bad-run-id:{runId}";
    public static string LiveRun(string keyVariable) => $"live-run:{keyVariable}";

    /// <summary>COMETAPI_EVIDENCE_DIR of the <see cref="EvidenceWritten"/> case, holding that run's bundle.</summary>
    public string EvidenceRoot => _evidenceRoot.FullName;

    public CaseRun this[string name] => _runs[name];

    public async Task InitializeAsync()
    {
        var batched = _cases.Where(c => c.Name != AsFile).ToList();
        var file = Path.Combine(_work.FullName, "cases.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(batched.Select(c => new { name = c.Name, parameters = c.Parameters, env = c.Env })));
        var asFile = _cases.Single(c => c.Name == AsFile);
        var (batch, single) = (ScriptHost.RunCommandAsync(Batch, new Dictionary<string, string?> { ["RUN_LIVE_CASES"] = file }),
            ScriptHost.RunFileAsync(Path.Combine(RepoPaths.Root, "run-live.ps1"), asFile.Parameters, asFile.Env));
        var (run, fileRun) = (await batch, await single);

        var stdout = Split(run.Stdout);
        var stderr = Split(run.Stderr);
        foreach (var c in batched)
        {
            var output = stdout.GetValueOrDefault(c.Name) ?? throw new InvalidOperationException($"The batch never ran '{c.Name}': {run.Stderr}");
            var end = output.LastIndexOf("@@end ", StringComparison.Ordinal);
            if (end < 0) throw new InvalidOperationException($"Case '{c.Name}' did not finish: {output}\n{run.Stderr}");
            var fields = output[(end + 6)..].Trim().Split(' ');
            _runs[c.Name] = new CaseRun(int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), output[..end],
                stderr.GetValueOrDefault(c.Name) ?? "", fields[1] == "True", c.Dotnet, c.RunId, c.Key);
        }

        _runs[AsFile] = new CaseRun(fileRun.ExitCode, fileRun.Stdout, fileRun.Stderr, true, asFile.Dotnet, asFile.RunId, null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var c in _cases) c.Dotnet.Dispose();
        _evidenceRoot.Delete(recursive: true);
        _work.Delete(recursive: true);
    }

    private void Add(string name, int dotnetExit, Dictionary<string, object> parameters, params (string Name, string? Value)[] env) =>
        Add(name, dotnetExit, parameters, null, env);

    private void Add(string name, int dotnetExit, Dictionary<string, object> parameters, string? key, params (string Name, string? Value)[] env)
    {
        var dotnet = new FakeDotnet(dotnetExit);
        var variables = new Dictionary<string, string?> { ["PATH"] = dotnet.PathWithFakeFirst };
        foreach (var (variable, value) in env) variables[variable] = value;
        _cases.Add(new ScriptCase(name, parameters, variables, dotnet, parameters.GetValueOrDefault("RunId") as string, key));
    }

    /// <summary>Splits a stream at the "@@case name" markers.</summary>
    private static Dictionary<string, string> Split(string text)
    {
        var parts = new Dictionary<string, string>();
        foreach (var chunk in text.Split("@@case ").Skip(1))
        {
            var newline = chunk.IndexOf('\n', StringComparison.Ordinal);
            parts[chunk[..newline].TrimEnd('\r')] = chunk[(newline + 1)..];
        }

        return parts;
    }

    private static string NewRunId() => $"test-{Guid.NewGuid():N}";

    private sealed record ScriptCase(string Name, Dictionary<string, object> Parameters, Dictionary<string, string?> Env, FakeDotnet Dotnet, string? RunId, string? Key);
}
