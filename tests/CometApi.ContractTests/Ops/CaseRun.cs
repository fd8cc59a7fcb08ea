using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>One run of run-live.ps1: its exit code, what it printed, whether the caller's environment came back.</summary>
public sealed record CaseRun(int ExitCode, string Stdout, string Stderr, bool EnvironmentRestored, FakeDotnet Dotnet, string? RunId, string? Key)
{
    public string AllText => Stdout + "\n" + Stderr;
}
