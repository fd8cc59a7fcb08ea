using System.Text.Json.Nodes;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// Applies one edit to a JSON document, written as <c>remove /choices/0/message</c> or
/// <c>set /choices/0/finish_reason "length"</c> (a JSON Pointer, then a JSON value), so test cases read as the change
/// they make to a known-good body.
/// </summary>
public static class JsonMutation
{
    public static string Apply(string json, string mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        var root = JsonNode.Parse(json)!;
        var parts = mutation.Split(' ', 3);
        var (parent, last) = Locate(root, parts[1]);
        switch (parts[0])
        {
            case "remove" when parent is JsonObject o:
                o.Remove(last).Should().BeTrue($"'{mutation}' must remove something");
                break;
            case "set" when parent is JsonObject o:
                o[last] = JsonNode.Parse(parts[2]);
                break;
            case "set" when parent is JsonArray a:
                a[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(parts[2]);
                break;
            default:
                throw new ArgumentException($"Cannot apply '{mutation}'.", nameof(mutation));
        }

        return root.ToJsonString();
    }

    private static (JsonNode Parent, string Last) Locate(JsonNode root, string pointer)
    {
        var steps = pointer.Trim('/').Split('/');
        var node = root;
        foreach (var step in steps[..^1])
            node = (node is JsonArray a ? a[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)] : node[step])
                ?? throw new ArgumentException($"'{pointer}' leads nowhere at '{step}'.", nameof(pointer));
        return (node, steps[^1]);
    }
}
