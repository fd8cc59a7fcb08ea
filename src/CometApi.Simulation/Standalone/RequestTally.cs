using System.Collections.Concurrent;

namespace CometApi.Simulation.Standalone;

/// <summary>Requests received per scenario, counted when a request arrives (before it is answered).</summary>
public sealed class RequestTally
{
    /// <summary>The key under which requests that select no scenario are counted.</summary>
    public const string Healthy = "";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string scenario) => _counts.AddOrUpdate(scenario, 1, (_, n) => n + 1);

    public int this[string scenario] => _counts.GetValueOrDefault(scenario);

    public void Reset(string scenario) => _counts.TryRemove(scenario, out _);

    public void ResetAll() => _counts.Clear();
}
