using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Reliability.Billing;

/// <summary>One billed request as the provider's usage export shows it.</summary>
public sealed record UsageExportRow(string? RequestId, DateTimeOffset? Timestamp, string? Model, long? PromptTokens, long? CompletionTokens);

/// <summary>Which CSV columns hold which field (contracts/usage-export-format.json).</summary>
public sealed record UsageExportFormat(UsageExportColumns Columns)
{
    public static UsageExportFormat Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), UsageExportJsonContext.Default.UsageExportFormat)
        ?? throw new InvalidDataException($"{path} holds no usage export format");
}

public sealed record UsageExportColumns(string RequestId, string Timestamp, string Model, string PromptTokens, string CompletionTokens);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(UsageExportFormat))]
internal sealed partial class UsageExportJsonContext : JsonSerializerContext;

/// <summary>Reads a usage export CSV (RFC 4180 quoting). A missing column or a bad number is a clear error naming it.</summary>
public static class UsageExportCsv
{
    public static IReadOnlyList<UsageExportRow> Read(string csv, UsageExportFormat format)
    {
        var records = CsvRecords.Parse(csv);
        if (records.Count == 0) return [];
        var header = records[0];
        int Column(string name) => header.IndexOf(name) is var i and >= 0
            ? i : throw new FormatException($"The usage export has no '{name}' column (columns: {string.Join(", ", header)}); edit contracts/usage-export-format.json to match it.");
        var c = format.Columns;
        var (id, ts, model, prompt, completion) = (Column(c.RequestId), Column(c.Timestamp), Column(c.Model), Column(c.PromptTokens), Column(c.CompletionTokens));

        return records.Skip(1).Where(r => r.Count > 1 || r[0].Length > 0).Select((r, line) => new UsageExportRow(
            Text(r, id),
            Text(r, ts) is { } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
            Text(r, model),
            Number(r, prompt, c.PromptTokens, line + 2),
            Number(r, completion, c.CompletionTokens, line + 2))).ToList();
    }

    private static string? Text(List<string> record, int index) =>
        index < record.Count && record[index].Length > 0 ? record[index] : null;

    private static long? Number(List<string> record, int index, string column, int line) =>
        Text(record, index) is not { } text ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"Usage export line {line}: '{column}' is not a whole number.");
}

/// <summary>Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF.</summary>
internal static class CsvRecords
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(ch);
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
