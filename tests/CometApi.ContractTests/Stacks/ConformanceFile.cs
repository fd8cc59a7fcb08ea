using System.Text.Json;
using CometApi.Simulation.Stacks;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// The review flow of a stack's recording, like a shape snapshot: the committed file is compared case by case; a
/// difference fails with a readable diff and writes the received file under artifacts/conformance/received, and
/// <see cref="UpdateVariable"/>=1 writes the received recording over the committed one for review in the pull request.
/// </summary>
public static class ConformanceFile
{
    public const string UpdateVariable = "UPDATE_CONFORMANCE";

    private static readonly JsonSerializerOptions Compact = new(StackRecording.Json) { WriteIndented = false };

    public const string UpdateCommand = $"{UpdateVariable}=1 dotnet test ContractTests.sln --filter \"FullyQualifiedName~Stacks.Conformance\"";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    public static string CommittedPath(string stack) => Path.Combine(StackRecording.FolderOf(RepoPaths.Root), stack + ".json");

    public static string ReceivedPath(string stack) => Path.Combine(RepoPaths.Root, "artifacts", "conformance", "received", stack + ".json");

    /// <summary>Compares with the committed file (or, when updating, writes over it) and fails with the diff.</summary>
    public static void ShouldMatchCommitted(StackRecording received)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (Updating)
        {
            var committedPath = CommittedPath(received.Stack);
            Directory.CreateDirectory(Path.GetDirectoryName(committedPath)!);
            File.WriteAllText(committedPath, received.ToJson());
            return;
        }

        if (Check(received, CommittedPath(received.Stack), ReceivedPath(received.Stack)) is { } failure) Assert.Fail(failure);
    }

    /// <summary>The failure message when <paramref name="received"/> differs from the file at <paramref name="committedPath"/> (then written to <paramref name="receivedPath"/>); null when they agree.</summary>
    public static string? Check(StackRecording received, string committedPath, string receivedPath)
    {
        ArgumentNullException.ThrowIfNull(received);
        var diff = File.Exists(committedPath) ? Diff(StackRecording.Read(committedPath), received) : [$"no conformance file {Relative(committedPath)} yet"];
        if (diff.Count == 0) return null;

        Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
        File.WriteAllText(receivedPath, received.ToJson());
        return $"Stack '{received.Stack}' no longer behaves as {Relative(committedPath)} records ({diff.Count} difference(s)):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", diff) + Environment.NewLine
            + $"Received: {Relative(receivedPath)}. If the change is intended, review it and re-record with: {UpdateCommand}";
    }

    /// <summary>One line per difference: "server-500 json: attempts 2 -> 4", a case missing or new, a changed description.</summary>
    public static IReadOnlyList<string> Diff(StackRecording committed, StackRecording received)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(received);
        var lines = new List<string>();
        if (committed.Description != received.Description) lines.Add($"description: \"{committed.Description}\" -> \"{received.Description}\"");
        if (committed.Method != received.Method) lines.Add("method: the recording method changed");

        var before = committed.Cases.ToDictionary(c => c.Id);
        var after = received.Cases.ToDictionary(c => c.Id);
        foreach (var id in before.Keys.Except(after.Keys)) lines.Add($"{id}: recorded, not run any more");
        foreach (var id in after.Keys.Except(before.Keys)) lines.Add($"{id}: new, not recorded");
        foreach (var (id, old) in before)
        {
            if (!after.TryGetValue(id, out var now)) continue;
            var (a, b) = (Fields(old), Fields(now));
            var fields = a.Keys.Union(b.Keys).Select(name => (Name: name, Old: a.GetValueOrDefault(name, "null"), New: b.GetValueOrDefault(name, "null")))
                .Where(f => f.Old != f.New).Select(f => $"{f.Name} {f.Old} -> {f.New}").ToList();
            if (fields.Count > 0) lines.Add($"{id}: {string.Join("; ", fields)}");
        }

        return lines;
    }

    private static Dictionary<string, string> Fields(StackCase c) =>
        JsonSerializer.SerializeToElement(c, Compact).EnumerateObject()
            .Where(p => p.Name is not ("scenario" or "mode" or "id"))
            .ToDictionary(p => p.Name, p => p.Value.GetRawText());

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path);
}
