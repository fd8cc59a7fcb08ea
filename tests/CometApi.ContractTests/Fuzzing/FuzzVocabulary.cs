using System.Text.Json;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>The fuzzer's data, from fixtures/fuzz: the seeds (seeds.json) and what edits may insert (mutations.json).</summary>
public sealed record FuzzVocabulary(
    IReadOnlyList<ResponseSeed> Seeds,
    IReadOnlyList<string> ReplacementValues,
    IReadOnlyList<string> RenamedNames,
    IReadOnlyList<int> NestingDepths,
    IReadOnlyList<byte[]> InjectedBytes,
    IReadOnlyList<string> InsertedEvents,
    IReadOnlyList<FuzzFinding> Findings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<FuzzVocabulary> Loaded = new(() => Load(RepoPaths.Fixtures));

    public static FuzzVocabulary Default => Loaded.Value;

    public static FuzzVocabulary Load(string fixturesRoot)
    {
        var folder = Path.Combine(fixturesRoot, "fuzz");
        var seeds = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(Path.Combine(folder, "seeds.json")), Json)!;
        var m = JsonSerializer.Deserialize<MutationFile>(File.ReadAllText(Path.Combine(folder, "mutations.json")), Json)!;
        var findings = JsonSerializer.Deserialize<FindingFile>(File.ReadAllText(Path.Combine(folder, "findings.json")), Json)!;
        ResponseSeed Seed(string path, bool sse) => new(path, sse, File.ReadAllText(Path.Combine(fixturesRoot, path)));
        return new FuzzVocabulary(
            [.. seeds.Json.Select(p => Seed(p, sse: false)), .. seeds.Sse.Select(p => Seed(p, sse: true))],
            m.ReplacementValues, m.RenamedNames, m.NestingDepths, m.InjectedBytes.Select(Convert.FromHexString).ToList(), m.InsertedEvents,
            findings.Findings);
    }

    private sealed record FindingFile(string Description, IReadOnlyList<FuzzFinding> Findings);

    private sealed record SeedFile(IReadOnlyList<string> Json, IReadOnlyList<string> Sse);

    private sealed record MutationFile(string Description, IReadOnlyList<string> ReplacementValues, IReadOnlyList<string> RenamedNames,
        IReadOnlyList<int> NestingDepths, IReadOnlyList<string> InjectedBytes, IReadOnlyList<string> InsertedEvents);
}

/// <summary>A body that was once mishandled (fixtures/fuzz/findings.json), and the class it must now end in.</summary>
public sealed record FuzzFinding(string Name, bool Sse, bool Stream, string Expect, string Body)
{
    public Answer Answer => new(EscapedBytes.Parse(Body), Sse);
}
