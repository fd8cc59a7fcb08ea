using System.Diagnostics;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Runs PowerShell as a user does: the repository's pinned pwsh (<c>.config/dotnet-tools.json</c>, started as
/// <c>dotnet pwsh</c> from the repository root) in a child process, with its own environment, capturing stdout,
/// stderr and the exit code. Nothing of the test process changes, so script tests run in parallel with the rest.
/// </summary>
public static class ScriptHost
{
    /// <summary>A guard against a hung child, never a wait the verdict depends on.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(60);

    /// <summary>The real SDK, whatever a test puts first on the child's PATH.</summary>
    private static readonly Lazy<string> Dotnet = new(FindDotnet);

    /// <summary>
    /// <c>dotnet tool restore</c>, once per test run: a fresh clone's <c>dotnet test ContractTests.sln</c> works without
    /// a separate step (quick when the tool is already there).
    /// </summary>
    private static readonly Lazy<Task> ToolRestored = new(RestoreToolAsync);

    /// <summary>Runs a script file (<c>pwsh -File</c>) with named parameters.</summary>
    /// <param name="parameters">Parameter name to value; <c>true</c> for a switch.</param>
    /// <param name="environment">Variables to set for the child, or (null) to remove.</param>
    public static Task<ScriptRun> RunFileAsync(string scriptPath, IReadOnlyDictionary<string, object> parameters,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var arguments = new List<string> { "-File", scriptPath };
        foreach (var (name, value) in parameters)
        {
            arguments.Add("-" + name);
            if (value is not true) arguments.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return RunAsync(arguments, environment);
    }

    /// <summary>Runs PowerShell commands (<c>pwsh -Command</c>) from the repository root.</summary>
    public static Task<ScriptRun> RunCommandAsync(string command, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync(["-Command", command], environment);

    private static async Task<ScriptRun> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        await ToolRestored.Value;
        return await RunDotnetAsync(["pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", .. arguments], environment);
    }

    private static async Task RestoreToolAsync()
    {
        var restore = await RunDotnetAsync(["tool", "restore"], null);
        if (restore.ExitCode != 0)
            throw new InvalidOperationException($"dotnet tool restore failed (the pinned pwsh of .config/dotnet-tools.json): {restore.AllText}");
    }

    private static async Task<ScriptRun> RunDotnetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(Dotnet.Value)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Plain text (no ANSI colours), no telemetry, no update check: what a CI log shows.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Hung);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ScriptRun(process.ExitCode, await stdout, await stderr);
    }

    private static string FindDotnet()
    {
        // The SDK names itself to the processes it starts; otherwise the first dotnet on this process's PATH.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists) ?? name;
    }
}

/// <summary>What one pwsh run said and how it ended.</summary>
public sealed record ScriptRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything the run printed, on either stream.</summary>
    public string AllText => Stdout + "\n" + Stderr;
}
