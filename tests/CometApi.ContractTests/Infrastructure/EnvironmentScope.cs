using System.Collections;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Snapshots the process environment and puts it back on dispose: a test that runs a script in-process (which
/// sets COMETAPI_* variables and PATH) must not leave the rest of the run in live mode or with a fake dotnet.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string> _saved = Snapshot();

    public static EnvironmentScope Begin() => new();

    /// <summary>Sets (or, with null, removes) a variable for the rest of the scope.</summary>
    public EnvironmentScope Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var name in Snapshot().Keys.Where(n => !_saved.ContainsKey(n)))
            Environment.SetEnvironmentVariable(name, null);
        foreach (var (name, value) in _saved)
            Environment.SetEnvironmentVariable(name, value);
    }

    private static Dictionary<string, string> Snapshot() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
