using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// Runs <c>.ci/tools/openai-node-conformance.mjs</c> (the official <c>openai</c> npm client on its defaults) once for a
/// list of cases and reads what it printed. Node and the pinned package are prerequisites, installed by
/// <c>.ci/run</c> and the CI workflow; when either is missing this fails with what to run, never passes.
/// </summary>
public static class NodeSdkRun
{
    public static string ToolsFolder => Path.Combine(RepoPaths.Root, ".ci", "tools");

    public static string Script => Path.Combine(ToolsFolder, "openai-node-conformance.mjs");

    /// <summary>What is missing to run the script (node, the npm package), or null when it can run.</summary>
    public static string? Missing() => Missing(Environment.GetEnvironmentVariable("PATH") ?? "", ToolsFolder);

    public static string? Missing(string pathVariable, string toolsFolder)
    {
        ArgumentNullException.ThrowIfNull(pathVariable);
        if (FindOnPath(pathVariable, OperatingSystem.IsWindows() ? "node.exe" : "node") is null)
            return "node was not found on PATH: install Node.js 22 or later (the CI workflow uses actions/setup-node; .ci/run expects it installed).";
        if (!File.Exists(Path.Combine(toolsFolder, "node_modules", "openai", "package.json")))
            return "the openai npm package is not installed in .ci/tools: run `npm ci --prefix .ci/tools` (.ci/run and the CI workflow do).";
        return null;
    }

    /// <summary>
    /// <c>npm ci</c> in .ci/tools, once per test run and only when node is there but the package is not: a fresh
    /// clone's <c>dotnet test ContractTests.sln</c> works without a separate step (as the pinned pwsh's tool restore).
    /// </summary>
    private static readonly Lazy<Task> PackagesInstalled = new(InstallPackagesAsync);

    /// <summary>Installs the pinned npm packages when node is present and they are not (see <see cref="PackagesInstalled"/>).</summary>
    public static Task EnsurePackagesAsync() => PackagesInstalled.Value;

    /// <param name="stops">Each completes with the id of a case whose watchdog should fire now (the script's "stop" line).</param>
    public static async Task<NodeRunOutput> RunAsync(NodeRunInput input, TimeSpan limit, IEnumerable<Task<string>>? stops = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        await EnsurePackagesAsync();
        if (Missing() is { } missing) Assert.Fail("The Node conformance test cannot run: " + missing);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolsFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var commands = new NodeCommands(process.StandardInput);
        commands.Send(JsonSerializer.Serialize(input, Json)); // one line: the input
        foreach (var stop in stops ?? []) _ = commands.StopWhenAsync(stop);

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the Node script did not end within {limit.TotalSeconds:0} s");
        }
        finally
        {
            await commands.CloseAsync();
        }

        var output = await stdout;
        if (process.ExitCode != 0) Assert.Fail($"the Node script failed (exit code {process.ExitCode}): {await stderr}");
        return JsonSerializer.Deserialize<NodeRunOutput>(output, Json) ?? throw new InvalidDataException("the Node script printed nothing");
    }

    /// <summary>The script's stdin: the input line, then a "stop &lt;id&gt;" line per case to stop, written in order by one pump.</summary>
    private sealed class NodeCommands
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly StreamWriter _stdin;
        private readonly Task _pump;

        public NodeCommands(StreamWriter stdin)
        {
            _stdin = stdin;
            _pump = PumpAsync();
        }

        public void Send(string line) => _lines.Writer.TryWrite(line);

        public async Task StopWhenAsync(Task<string> stop) => Send("stop " + await stop);

        public async Task CloseAsync()
        {
            _lines.Writer.TryComplete();
            await _pump;
            _stdin.Close();
        }

        private async Task PumpAsync()
        {
            await foreach (var line in _lines.Reader.ReadAllAsync())
            {
                try
                {
                    await _stdin.WriteLineAsync(line);
                    await _stdin.FlushAsync();
                }
                catch (IOException)
                {
                    // The script has exited: nothing listens for a stop any more.
                }
            }
        }
    }

    /// <summary>
    /// Writes what the script printed (messages, deltas, waits in ms; no key: the script redacts it) to
    /// <c>artifacts/conformance/node/&lt;stack&gt;.json</c>, for the reviewer of a recording.
    /// </summary>
    public static void KeepForReview(string stack, NodeRunOutput output)
    {
        var path = Path.Combine(RepoPaths.Root, "artifacts", "conformance", "node", stack + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(output, Indented));
    }

    private static async Task InstallPackagesAsync()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (FindOnPath(path, OperatingSystem.IsWindows() ? "node.exe" : "node") is null || Missing() is null) return;
        var npm = FindOnPath(path, OperatingSystem.IsWindows() ? "npm.cmd" : "npm");
        if (npm is null) return; // Missing() then names what to install.
        var start = new ProcessStartInfo(npm) { WorkingDirectory = ToolsFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in .ci/tools failed (exit {process.ExitCode}): {await output}{await error}");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string? FindOnPath(string pathVariable, string file) =>
        pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file)).FirstOrDefault(File.Exists);
}

public sealed record NodeRunInput(string Prompt, IReadOnlyList<NodeCaseInput> Cases);

/// <summary>One call the script makes: the scenario's base URL, a fresh canary key, and how long before the watchdog stops it.</summary>
public sealed record NodeCaseInput(string Id, string BaseUrl, string ApiKey, string Model, bool Stream, int WatchdogMs);

public sealed record NodeRunOutput(string Sdk, string Node, IReadOnlyList<NodeCaseResult> Cases);

/// <summary>What the SDK did in one case, as the script printed it (the key already redacted from every text).</summary>
public sealed record NodeCaseResult
{
    public required string Id { get; init; }

    public int ElapsedMs { get; init; }

    public bool WatchdogFired { get; init; }

    /// <summary>The waits the SDK's retry loop asked for, in milliseconds (observed, not changed).</summary>
    public IReadOnlyList<double> DelaysMs { get; init; } = [];

    public IReadOnlyList<string> Deltas { get; init; } = [];

    public NodeAnswer? Answer { get; init; }

    public NodeError? Error { get; init; }

    public bool KeyInError { get; init; }
}

/// <param name="Chunks">Streaming: the chunks the SDK yielded.</param>
/// <param name="NotACompletion">Non-streaming: what the SDK resolved with when it was not a chat completion ("string", "undefined", "object").</param>
public sealed record NodeAnswer(string? Text, string? Refusal, string? FinishReason, int? Chunks, string? NotACompletion);

public sealed record NodeError(string Name, int? Status, [property: JsonConverter(typeof(AnyAsText))] string? Code, string? Type, string? Message, string? Cause);

/// <summary>The SDK's <c>error.code</c> is whatever the body said: a string, a number or null.</summary>
public sealed class AnyAsText : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
