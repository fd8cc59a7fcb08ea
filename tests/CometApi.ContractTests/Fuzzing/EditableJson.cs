using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>
/// A JSON text the fuzzer edits by position: the n-th value or property in document order (modulo their count, so
/// any number is a valid position). Values may be replaced by any raw text, valid JSON or not, and keys renamed to
/// anything, duplicates included: both go in as placeholders and are swapped in when the text is written.
/// </summary>
internal sealed class EditableJson
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);
    private JsonNode? _root;

    private EditableJson(JsonNode? root) => _root = root;

    /// <summary>Null when <paramref name="json"/> is not JSON (nothing to edit by structure).</summary>
    public static EditableJson? TryParse(string json)
    {
        try
        {
            return new EditableJson(JsonNode.Parse(json));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void ReplaceValue(int position, string rawJson)
    {
        var slots = ValueSlots();
        slots[position % slots.Count](Placeholder(rawJson));
    }

    public void DropProperty(int position)
    {
        var properties = Properties();
        if (properties.Count == 0) return;
        var (owner, name) = properties[position % properties.Count];
        owner.Remove(name);
    }

    public void RenameProperty(int position, string newName)
    {
        var properties = Properties();
        if (properties.Count == 0) return;
        var (owner, name) = properties[position % properties.Count];
        var members = owner.ToList();
        owner.Clear();
        var key = Placeholder(JsonSerializer.Serialize(newName)).GetValue<string>();
        foreach (var (k, v) in members) owner[k == name ? key : k] = v;
    }

    public override string ToString()
    {
        var text = _root?.ToJsonString(Readable) ?? "null";
        foreach (var (placeholder, raw) in _raw) text = text.Replace($"\"{placeholder}\"", raw, StringComparison.Ordinal);
        return text;
    }

    private JsonValue Placeholder(string raw)
    {
        var key = $"@@fuzz{_raw.Count}@@";
        _raw[key] = raw;
        return JsonValue.Create(key);
    }

    /// <summary>Setters for every value, the root first, in document order.</summary>
    private List<Action<JsonNode?>> ValueSlots()
    {
        var slots = new List<Action<JsonNode?>> { node => _root = node };
        Visit(_root);
        return slots;

        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        slots.Add(replacement => obj[name] = replacement);
                        Visit(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var index = i;
                        slots.Add(replacement => array[index] = replacement);
                        Visit(array[i]);
                    }

                    break;
            }
        }
    }

    private List<(JsonObject Owner, string Name)> Properties()
    {
        var found = new List<(JsonObject, string)>();
        Visit(_root);
        return found;

        void Visit(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj.ToList())
                {
                    found.Add((obj, name));
                    Visit(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array) Visit(child);
            }
        }
    }
}
