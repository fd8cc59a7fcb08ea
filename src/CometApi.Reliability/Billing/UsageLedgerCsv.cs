using System.Globalization;
using System.Text;

namespace CometApi.Reliability.Billing;

/// <summary>The ledger as CSV, one row per attempt, for evidence bundles and spreadsheets.</summary>
public static class UsageLedgerCsv
{
    public const string Header = "timestamp,call_id,provider,endpoint,model,streaming,retry_index,status,class,request_id,input_bytes,output_bytes,prompt_tokens,completion_tokens,duration_ms";

    public static string Write(IEnumerable<LedgerRow> rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            csv.AppendJoin(',',
                r.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), r.CallId, Field(r.Provider), Field(r.Endpoint), Field(r.Model),
                r.Streaming ? "true" : "false", r.RetryIndex.ToString(CultureInfo.InvariantCulture), Number(r.Status), r.Class.WireName(),
                Field(r.RequestId), r.InputBytes.ToString(CultureInfo.InvariantCulture), r.OutputBytes.ToString(CultureInfo.InvariantCulture),
                Number(r.PromptTokens), Number(r.CompletionTokens), ((long)r.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Number<T>(T? value) where T : struct, IFormattable =>
        value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quotes a field when it holds a comma, quote or newline (RFC 4180).</summary>
    internal static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
