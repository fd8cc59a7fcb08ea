using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Runs a PowerShell script file in-process (there is no pwsh binary on the build machines) and captures all it
/// can say: the console, the pipeline output, the error stream and the exit code. The utility cmdlets
/// (Write-Host, Test-Path, ...) are not in the System.Management.Automation package, so a script run here may use
/// only the language, .NET calls and native commands. The console is process-wide: callers run in a collection
/// that is not parallelized.
/// </summary>
public static class ScriptHost
{
    private static readonly Lock ConsoleLock = new();

    /// <param name="parameters">Parameter name to value; <c>true</c> for a switch.</param>
    public static ScriptRun Run(string scriptPath, IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        lock (ConsoleLock)
        {
            var (originalOut, originalError) = (Console.Out, Console.Error);
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                // CreateDefault2: the core engine only; CreateDefault wants the console host's snap-ins.
                using var ps = PowerShell.Create(InitialSessionState.CreateDefault2());
                ps.AddCommand(scriptPath);
                foreach (var (name, value) in parameters) ps.AddParameter(name, value);
                var output = new List<string>();
                string? terminatingError = null;
                try
                {
                    output.AddRange(ps.Invoke().Select(o => o?.ToString() ?? ""));
                }
                catch (RuntimeException ex)
                {
                    terminatingError = ex.Message;
                }

                var exitCode = ps.Runspace.SessionStateProxy.GetVariable("LASTEXITCODE") as int?;
                var errors = ps.Streams.Error.Select(e => e.ToString()).Append(terminatingError).OfType<string>().ToList();
                return new ScriptRun(exitCode, stdout.ToString(), stderr.ToString(), output, errors);
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
            }
        }
    }
}

/// <summary>What one hosted script run said and how it ended.</summary>
/// <param name="ExitCode">The script's <c>exit</c> code (<c>$LASTEXITCODE</c>); null when it never set one.</param>
public sealed record ScriptRun(int? ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Output, IReadOnlyList<string> Errors)
{
    /// <summary>Everything the script printed or reported, on any channel.</summary>
    public string AllText => string.Join("\n", [Stdout, Stderr, .. Output, .. Errors]);
}
