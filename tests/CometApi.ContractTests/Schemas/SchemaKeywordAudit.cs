using System.Text.Json.Nodes;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// Finds keywords NJsonSchema 11.6.2 reads without enforcing. Tried on this version: <c>const</c>, <c>if</c>/<c>then</c>/<c>else</c>
/// and <c>contains</c> validate nothing, <c>maxItems: 0</c> means "no limit", <c>prefixItems</c> fails to load. A schema using
/// them would look strict and pass anything, so the schema files may not use them.
/// </summary>
public static class SchemaKeywordAudit
{
    public static readonly IReadOnlySet<string> Unenforced = new HashSet<string>(StringComparer.Ordinal)
    {
        "const", "if", "then", "else", "contains", "prefixItems", "dependentRequired", "dependentSchemas",
        "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains",
    };

    // Keywords whose value is a map of names to schemas (the names are not keywords).
    private static readonly string[] SchemaMaps = ["properties", "definitions", "$defs", "patternProperties"];

    // Keywords whose value is one schema or a list of schemas.
    private static readonly string[] SchemaValued = ["items", "not", "additionalProperties", "additionalItems", "anyOf", "oneOf", "allOf"];

    /// <summary>Every use of an unenforced keyword, as "path: keyword".</summary>
    public static IReadOnlyList<string> Problems(JsonNode? schema)
    {
        var problems = new List<string>();
        Walk(schema, "#", problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, List<string> problems)
    {
        if (node is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++) Walk(list[i], $"{path}/{i}", problems);
            return;
        }

        if (node is not JsonObject schema) return;
        foreach (var (key, value) in schema)
        {
            if (Unenforced.Contains(key)) problems.Add($"{path}: {key}");
            if (key == "maxItems" && value?.GetValue<int>() == 0) problems.Add($"{path}: maxItems 0 (read as no limit)");
            if (SchemaMaps.Contains(key) && value is JsonObject map)
            {
                foreach (var (name, child) in map) Walk(child, $"{path}/{key}/{name}", problems);
            }
            else if (SchemaValued.Contains(key))
            {
                Walk(value, $"{path}/{key}", problems);
            }
        }
    }
}
