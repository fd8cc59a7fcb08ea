using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4 (and the CL1 evidence rule): the schema files load, are draft-07, name their source, access date and evidence
/// level, and use only keywords NJsonSchema enforces.
/// </summary>
[Checklist("CL4")]
public sealed class SchemaFileTests
{
    private const string Draft07 = "http://json-schema.org/draft-07/schema#";

    public static TheoryData<string> Files() => new(FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_schema_file_is_draft_07_and_names_its_source_access_date_and_evidence_level(string file)
    {
        var schema = ReadNode(file);

        schema["$schema"]?.GetValue<string>().Should().Be(Draft07, "NJsonSchema 11.6.2 validates draft-07 reliably; 2020-12 keywords such as prefixItems do not even load");
        schema["title"]?.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        (schema["x-source"] as JsonArray).Should().NotBeNullOrEmpty("every fact in contracts/ names where it came from");
        schema["x-source"]!.AsArray().Should().AllSatisfy(s => s!.GetValue<string>().Should().NotBeNullOrWhiteSpace());
        DateOnly.ParseExact(schema["x-accessed"]!.GetValue<string>(), "yyyy-MM-dd").Should().BeOnOrBefore(DateOnly.FromDateTime(DateTime.UtcNow));
        EvidenceLevels.All.Should().Contain(schema["x-evidence"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_schema_file_loads_and_uses_only_keywords_NJsonSchema_enforces(string file)
    {
        var load = () => ContractSchemas.Load(Path.Combine(ContractSchemaFiles.Folder, file));

        load.Should().NotThrow();
        SchemaKeywordAudit.Problems(ReadNode(file)).Should().BeEmpty();
    }

    [Fact]
    public void The_keyword_audit_finds_an_unenforced_keyword_but_not_a_property_of_that_name()
    {
        var schema = JsonNode.Parse("""{"properties":{"const":{"const":1},"ok":{"type":"string"}},"items":{"if":{}},"maxItems":0}""");

        SchemaKeywordAudit.Problems(schema).Should().BeEquivalentTo(
            "#/properties/const: const", "#/items: if", "#: maxItems 0 (read as no limit)");
    }

    [Fact]
    public void Every_wire_shape_has_a_schema_file_and_every_file_is_a_wire_shape_or_the_shared_definitions()
    {
        var expected = Enum.GetValues<ContractSchema>().Select(s => s.FileName()).Append(ContractSchemaFiles.Common);

        FileNames().Should().BeEquivalentTo(expected);
    }

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(ContractSchemaFiles.Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private static JsonObject ReadNode(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ContractSchemaFiles.Folder, file)))!.AsObject();
}
