using System.Net;
using CometApi.Simulation;
using CometApi.Simulation.Recording;
using CometApi.Simulation.Standalone;

namespace CometApi.Simulator;

/// <summary>The command line: serve (default), <c>diff</c> and <c>promote</c> a recording, <c>--help</c>.</summary>
public static class SimulatorCommand
{
    public const string Help = """
        CometApi.Simulator - the suite's failure scenarios as an OpenAI-compatible HTTP server any client can use.

        Usage:
          dotnet run --project src/CometApi.Simulator -- [--port 5080] [--host 127.0.0.1] [--fixtures <dir>] [--provider cometapi]
          dotnet run --project src/CometApi.Simulator -- diff <recording.json> [--fixtures <dir>]
          dotnet run --project src/CometApi.Simulator -- promote <recording.json> [--fixtures <dir>]
          dotnet run --project src/CometApi.Simulator -- --help

        Options:
          --port <n>        Port to listen on (default 5080; 0 picks a free one).
          --host <name>     Interface to bind (default 127.0.0.1, loopback only). Say --host 0.0.0.0 to expose it.
          --fixtures <dir>  Fixtures folder holding scenarios.json (default: the repository's fixtures/).
          --provider <name> Whose error semantics the healthy provider speaks (default cometapi; a folder of
                            fixtures/live-simulator/, e.g. openai).
          --help            This text.

        Choosing a scenario (no code change beyond the base URL):
          by path:    base URL http://127.0.0.1:5080/scenarios/<name>/v1
          by header:  base URL http://127.0.0.1:5080/v1 and the header X-Simulator-Scenario: <name>
          The body's "stream" field picks the scenario's streaming or non-streaming mode.
          No scenario: the healthy provider (pong), which checks the key like CometAPI does.
          An unknown scenario is a 404 that lists the known ones.

        Keys: never a real one. The healthy provider accepts only the fake key it prints at start;
        scenarios ignore the key.

        Recordings (fixtures/recorded/<provider>/<date>/<scenario>[.stream].json, already scrubbed):
          diff      how the recording's shape differs from the committed fixture of its scenario and mode
          promote   make the recording that fixture (the final mapping's response, the SSE or body file);
                    then review `git diff` and commit it as one change

        Admin:
          GET  /__simulator/scenarios                  every scenario, its modes, base URL and requests received
          POST /__simulator/reset[?scenario=<name>]    forget requests and state (fail-then-succeed sequences)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(Help).ConfigureAwait(false);
            return 0;
        }

        if (args.Count > 0 && args[0] is "diff" or "promote")
        {
            return await RecordingCommandAsync(args, output, error).ConfigureAwait(false);
        }

        SimulatorOptions options;
        try
        {
            options = ParseServe(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"{ex.Message}{Environment.NewLine}Run with --help for usage.").ConfigureAwait(false);
            return 2;
        }

        using var simulator = StandaloneSimulator.Start(options);
        await output.WriteLineAsync(Banner(simulator, options)).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: dispose and leave.
        }

        return 0;
    }

    private static async Task<int> RecordingCommandAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count is not (2 or 4) || (args.Count == 4 && args[2] != "--fixtures"))
        {
            await error.WriteLineAsync($"{args[0]} needs one recording file (and optionally --fixtures <dir>). Run with --help for usage.").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var catalog = FixtureCatalog.Load(args.Count == 4 ? Path.GetFullPath(args[3]) : RepoPaths.Fixtures);
            var recording = RecordingStore.Read(args[1]);
            var changes = RecordingDiff.Describe(recording, catalog);
            await output.WriteLineAsync(changes.Count == 0
                ? $"{recording.Scenario} ({recording.Mode}): same shape as the fixture."
                : $"{recording.Scenario} ({recording.Mode}) differs from the fixture:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", changes)).ConfigureAwait(false);
            if (args[0] == "diff")
            {
                return 0;
            }

            var result = Promotion.Promote(recording, catalog);
            foreach (var file in result.ChangedFiles)
            {
                await output.WriteLineAsync($"promoted: {file}").ConfigureAwait(false);
            }

            foreach (var note in result.Notes)
            {
                await output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("Review with `git diff`, run the suite, and commit the fixture change as one reviewed commit.").ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or KeyNotFoundException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{args[0]} failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Options of the serve command.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value or a bad port.</exception>
    public static SimulatorOptions ParseServe(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = args[i] switch
            {
                "--port" => options with { Port = int.TryParse(Required(args[i], value), out var port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException($"--port needs a number from 0 to 65535, not '{value}'.") },
                "--host" => options with { Host = Required(args[i], value) },
                "--fixtures" => options with { FixturesRoot = Path.GetFullPath(Required(args[i], value)) },
                "--provider" => options with { Provider = Required(args[i], value) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
            i++;
        }

        return options;
    }

    public static string Banner(StandaloneSimulator simulator, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(options);
        var exposed = !IsLoopback(options.Host)
            ? $"{Environment.NewLine}WARNING: bound to {options.Host}, not loopback: other machines can reach it."
            : "";
        return $"""
            CometApi.Simulator listening on {simulator.Url} ({simulator.Catalog.Scenarios.Count} scenarios from {simulator.Catalog.Root}){exposed}
              healthy provider: {simulator.BaseUrl}  key: {StandaloneSimulator.AcceptedKey}  (a fake key; never use a real one here)
              a scenario:       {simulator.BaseUrlOf("<name>")}  or header {ScenarioRoute.SelectorHeader}: <name>
              admin:            GET {simulator.Url}/__simulator/scenarios, POST {simulator.Url}/__simulator/reset[?scenario=<name>]
            Ctrl+C stops it.
            """;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static string Required(string option, string? value) =>
        value is null || value.StartsWith("--", StringComparison.Ordinal) ? throw new ArgumentException($"{option} needs a value.") : value;
}
