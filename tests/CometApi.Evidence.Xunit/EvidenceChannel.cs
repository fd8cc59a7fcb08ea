using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// How a test hands typed evidence to the extension. The extension opens a scope for each test as xunit starts
/// it (<see cref="EvidenceScopingBus"/> sees ITestStarting on the flow that then runs the test), so a record
/// published anywhere below the test method lands under that test's key. Outside a test (a benchmark, a tool)
/// there is no scope and a record goes nowhere.
/// </summary>
public static class EvidenceChannel
{
    private static readonly AsyncLocal<EvidenceScope?> CurrentScope = new();

    /// <summary>The key of the running test, or null outside one.</summary>
    public static EvidenceKey? CurrentKey => CurrentScope.Value?.Key;

    /// <summary>Adds a record to the running test's evidence; false when no test is running.</summary>
    public static bool Publish(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (CurrentScope.Value is not { } scope) return false;
        scope.Add(record);
        return true;
    }

    /// <summary>Makes <paramref name="scope"/> the running test's scope for the rest of the calling flow.</summary>
    internal static void Enter(EvidenceScope scope) => CurrentScope.Value = scope;
}

/// <summary>
/// A test's identity: its test case's unique id and its display name, which holds the theory arguments, so two
/// rows of one theory never share a key (even when xunit runs them under one test case).
/// </summary>
public sealed record EvidenceKey(string TestCaseId, string DisplayName)
{
    public static EvidenceKey Of(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(test.TestCase.UniqueID, test.DisplayName);
    }
}

/// <summary>The records one test published.</summary>
internal sealed class EvidenceScope(EvidenceKey key)
{
    private readonly ConcurrentQueue<EvidenceRecord> _records = new();

    public EvidenceKey Key { get; } = key;
    public IReadOnlyList<EvidenceRecord> Records => _records.ToArray();

    public void Add(EvidenceRecord record) => _records.Enqueue(record);
}

/// <summary>Every test's scope in this run, by key; the sink takes a test's records when its result arrives.</summary>
internal sealed class EvidenceScopes
{
    private readonly ConcurrentDictionary<EvidenceKey, EvidenceScope> _scopes = new();

    /// <summary>Opens the scope of a starting test and enters it on the calling flow.</summary>
    public EvidenceScope Open(EvidenceKey key)
    {
        var scope = _scopes.GetOrAdd(key, k => new EvidenceScope(k));
        EvidenceChannel.Enter(scope);
        return scope;
    }

    public IReadOnlyList<EvidenceRecord> Take(EvidenceKey key) =>
        _scopes.TryRemove(key, out var scope) ? scope.Records : [];
}
