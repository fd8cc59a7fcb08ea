using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CometApi.Simulation.Shapes;

/// <summary>
/// The shape of one JSON document as sorted lines <c>path: kinds</c>. Array items share one path (<c>[]</c>); a member
/// missing from some of the objects at its place gets the kind <c>absent</c>. Values are scrubbed to their JSON type
/// (ids, timestamps, text, token counts, request ids), except the enumerated fields a reviewer must see (object,
/// role, finish_reason, error type and code). The model is a string too: a live run on another model or a new dated
/// snapshot (gpt-5.4-mini-2026-03-17) is not drift.
/// </summary>
public static partial class JsonShape
{
    public const string Absent = "absent";

    private static readonly HashSet<string> KeptValues = new(StringComparer.Ordinal) { "object", "role", "finish_reason", "type", "code" };

    public static IReadOnlyList<string> Lines(JsonElement root)
    {
        var paths = new SortedDictionary<string, PathFacts>(StringComparer.Ordinal);
        Visit(root, "$", parent: null, key: null, paths);
        return paths.Select(p => $"{p.Key}: {string.Join(" | ", Kinds(p.Value, paths))}").ToList();
    }

    private static List<string> Kinds(PathFacts facts, SortedDictionary<string, PathFacts> paths)
    {
        var kinds = facts.Kinds.Order(StringComparer.Ordinal).ToList();
        if (facts.Parent is { } parent && facts.Seen < paths[parent].SeenAsObject) kinds.Add(Absent);
        return kinds;
    }

    private static void Visit(JsonElement element, string path, string? parent, string? key, SortedDictionary<string, PathFacts> paths)
    {
        if (!paths.TryGetValue(path, out var facts)) paths[path] = facts = new PathFacts(parent);
        facts.Seen++;
        facts.Kinds.Add(Describe(element, key));
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                facts.SeenAsObject++;
                foreach (var member in element.EnumerateObject())
                    Visit(member.Value, path + Member(member.Name), path, member.Name, paths);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Visit(item, path + "[]", parent: null, key, paths);
                break;
        }
    }

    private static string Describe(JsonElement element, string? key) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any() ? "object" : "object (empty)",
        JsonValueKind.Array => element.GetArrayLength() > 0 ? "array" : "array (empty)",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ when key is not null && KeptValues.Contains(key) => element.GetRawText(),
        JsonValueKind.String => element.GetString()!.Length == 0 ? "string (empty)" : "string",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "integer" : "number",
        _ => element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Member(string name) =>
        Identifier().IsMatch(name) ? "." + name : $"[{JsonSerializer.Serialize(name)}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    private sealed class PathFacts(string? parent)
    {
        public string? Parent { get; } = parent;
        public HashSet<string> Kinds { get; } = new(StringComparer.Ordinal);
        public int Seen { get; set; }
        public int SeenAsObject { get; set; }
    }
}
