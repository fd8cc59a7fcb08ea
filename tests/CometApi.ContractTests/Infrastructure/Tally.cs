using System.Collections.Concurrent;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>Counts by label, safe across threads; prints as "N total: a x3, b x2" for the test output.</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string label) => _counts.AddOrUpdate(label, 1, (_, n) => n + 1);

    public Tally AddAll(IEnumerable<string> labels)
    {
        foreach (var label in labels) Add(label);
        return this;
    }

    public int this[string label] => _counts.GetValueOrDefault(label);

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public override string ToString() =>
        $"{Total} total: " + string.Join(", ", _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}"));
}
