using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CometApi.Reliability.Billing;
using CometApi.Live.Support;
using CometApi.Live;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// Writes artifacts/evidence/&lt;run&gt;/evidence.json, launch-ticket.md and ledger.csv, every registered key
/// and the prompt marker redacted, and points artifacts/evidence/LATEST at the folder.
/// </summary>
public static class EvidenceWriter
{
    public const string EvidenceFile = "evidence.json";
    public const string TicketFile = "launch-ticket.md";
    public const string LedgerFile = "ledger.csv";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Write(EvidenceBundle bundle, IEnumerable<LedgerRow>? ledger = null, string? evidenceRoot = null)
    {
        evidenceRoot ??= LiveSettings.Current.EvidenceDir;
        var folder = Path.Combine(evidenceRoot, bundle.RunId);
        Directory.CreateDirectory(folder);
        WriteRedacted(Path.Combine(folder, EvidenceFile), JsonSerializer.Serialize(bundle, Json) + "\n");
        WriteRedacted(Path.Combine(folder, TicketFile), LaunchTicket.Render(bundle, LaunchGate.Load()));
        WriteRedacted(Path.Combine(folder, LedgerFile), UsageLedgerCsv.Write(ledger ?? []));
        File.WriteAllText(Path.Combine(evidenceRoot, "LATEST"), bundle.RunId + "\n");
        return folder;
    }

    private static void WriteRedacted(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, SecretRegistry.Redact(content), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
