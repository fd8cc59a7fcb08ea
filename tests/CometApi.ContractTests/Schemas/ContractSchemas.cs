using System.Collections.Concurrent;
using Newtonsoft.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CometApi.ContractTests.Schemas;

/// <summary>Loads the schemas of <c>contracts/schemas/</c> once and validates JSON text against them.</summary>
public static class ContractSchemas
{
    private static readonly ConcurrentDictionary<ContractSchema, Lazy<JsonSchema>> Loaded = new();

    public static JsonSchema Get(ContractSchema schema) =>
        Loaded.GetOrAdd(schema, s => new Lazy<JsonSchema>(() => Load(s.PathOf()))).Value;

    /// <summary>Loads a schema file; relative <c>$ref</c>s resolve against its folder.</summary>
    public static JsonSchema Load(string path) => JsonSchema.FromFileAsync(path).GetAwaiter().GetResult();

    /// <summary>Validates <paramref name="json"/>; text that is not JSON is one error, not an exception.</summary>
    public static SchemaVerdict Validate(ContractSchema schema, string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new SchemaVerdict(schema, ["$: empty body, not JSON"]);
        try
        {
            return new SchemaVerdict(schema, Flatten(Get(schema).Validate(json)).ToList());
        }
        catch (JsonException)
        {
            return new SchemaVerdict(schema, ["$: not valid JSON"]);
        }
    }

    // NJsonSchema nests the reasons of a failed anyOf/oneOf; list them so a message names the field that broke.
    private static IEnumerable<string> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            // "array item not valid" only wraps the item's own errors, which follow.
            if (error.Kind != ValidationErrorKind.ArrayItemNotValid) yield return $"{JsonPath(error.Path)}: {error.Kind}";
            if (error is not ChildSchemaValidationError child) continue;
            foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                yield return nested;
        }
    }

    /// <summary>NJsonSchema's "#/choices[0].message" as "$.choices[0].message".</summary>
    private static string JsonPath(string? path)
    {
        var rest = (path ?? "#/").TrimStart('#').TrimStart('/');
        return rest.Length == 0 || rest.StartsWith('[') ? "$" + rest : "$." + rest;
    }
}
