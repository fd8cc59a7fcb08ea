using System.Text.Json;

namespace CometApi.Simulation;

/// <summary>What goes wrong with a request under load, decided by its arrival number alone.</summary>
public enum LoadFault { None, ServerError500, ConnectionReset, Unavailable503, Slow }

/// <summary>
/// fixtures/load/fault-mix.json: every <see cref="FaultEvery"/>-th request fails, cycling through <see cref="Faults"/>.
/// A counter, not a random draw, so a run of N requests always holds the same faults.
/// </summary>
public sealed record FaultMix(int FaultEvery, IReadOnlyList<LoadFault> Faults, byte[] SuccessBody, string ErrorBody)
{
    private static readonly Dictionary<string, LoadFault> Names = new(StringComparer.Ordinal)
    {
        ["server-500"] = LoadFault.ServerError500,
        ["connection-reset"] = LoadFault.ConnectionReset,
        ["unavailable-503"] = LoadFault.Unavailable503,
        ["slow"] = LoadFault.Slow,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FaultMix Default { get; } = Load(RepoPaths.Fixtures);

    public static FaultMix Load(string fixturesRoot)
    {
        var file = JsonSerializer.Deserialize<MixFile>(File.ReadAllText(Path.Combine(fixturesRoot, "load", "fault-mix.json")), Json)!;
        var faults = file.Faults.Select(f => Names.TryGetValue(f, out var fault) ? fault
            : throw new InvalidDataException($"fault-mix.json: unknown fault '{f}' (known: {string.Join(", ", Names.Keys)})")).ToList();
        return new FaultMix(file.FaultEvery, faults, File.ReadAllBytes(Path.Combine(fixturesRoot, file.SuccessBody)), file.ErrorBody);
    }

    public LoadFault For(int request) => request % FaultEvery == 0 ? Faults[request / FaultEvery % Faults.Count] : LoadFault.None;

    /// <summary>The error body of a 5xx fault, with the request id the client must report.</summary>
    public string ErrorFor(int request) => ErrorBody.Replace("{requestId}", RequestId(request), StringComparison.Ordinal);

    public static string RequestId(int request) => $"load-{request}";

    private sealed record MixFile(string Description, int FaultEvery, IReadOnlyList<string> Faults, string SuccessBody, string ErrorBody);
}
