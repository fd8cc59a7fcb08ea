using System.Text;

namespace CometApi.Simulation.Recording;

/// <summary>
/// The recordings of one run: each answer scrubbed and written once per scenario and mode (the first one seen; later
/// ones only counted), diffed with the committed fixture of the same scenario, and a report
/// (<see cref="ReportFileName"/>, beside the recordings) rewritten after each one, so a run cut short still leaves
/// what it recorded. Safe to call from concurrent checks.
/// </summary>
public sealed class RecordingSession(string outputRoot, string provider, DateOnly date, FixtureCatalog catalog)
{
    public const string ReportFileName = "diff-report.md";

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>The folder this run writes to: <c>&lt;outputRoot&gt;/recorded/&lt;provider&gt;/&lt;date&gt;</c>.</summary>
    public string Folder => Path.GetDirectoryName(RecordingStore.PathOf(outputRoot, Probe))!;

    public string ReportPath => Path.Combine(Folder, ReportFileName);

    public string Provider => provider;

    public DateOnly Date => date;

    /// <summary>What was recorded so far, one line per recording.</summary>
    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }

    /// <summary>
    /// Scrubs and writes <paramref name="raw"/> unless its scenario and mode are already recorded; refuses (writes
    /// nothing, notes why) when the scrubbed text would still hold the key, the prompt, an original request id, or any
    /// of <paramref name="secrets"/>.
    /// </summary>
    public Entry Record(RecordedAnswer raw, Scrubber scrubber, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(scrubber);
        ArgumentNullException.ThrowIfNull(secrets);
        raw = raw with { Provider = provider, Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        lock (_gate)
        {
            if (_entries.FirstOrDefault(e => e.Scenario == raw.Scenario && e.Mode == raw.Mode) is { } seen)
            {
                seen.AlsoSeen++;
                WriteReport();
                return seen;
            }

            var entry = Write(raw, scrubber, secrets.Where(s => s.Length > 0).ToList());
            _entries.Add(entry);
            WriteReport();
            return entry;
        }
    }

    private Entry Write(RecordedAnswer raw, Scrubber scrubber, IReadOnlyList<string> secrets)
    {
        var scrubbedText = RecordingStore.Serialize(scrubber.Scrub(raw));
        if (secrets.Any(s => scrubbedText.Contains(s, StringComparison.Ordinal)))
            return new Entry(raw.Scenario, raw.Mode, raw.Status, null, ["not written: the scrubbed text would still hold a key the run used"]);

        string path;
        RecordedAnswer written;
        try
        {
            (path, written) = RecordingStore.Write(outputRoot, raw, scrubber);
        }
        catch (InvalidOperationException ex)
        {
            return new Entry(raw.Scenario, raw.Mode, raw.Status, null, [ex.Message]);
        }

        return new Entry(raw.Scenario, raw.Mode, raw.Status, path, DiffOf(written));
    }

    private IReadOnlyList<string> DiffOf(RecordedAnswer written)
    {
        if (!catalog.Scenarios.Any(s => s.Name == written.Scenario)) return ["no committed fixture: not a catalog scenario"];
        if (!catalog[written.Scenario].Supports(written.IsStreaming)) return [$"no committed fixture: {written.Scenario} has no {written.Mode} mode"];
        try
        {
            var diff = RecordingDiff.Describe(written, catalog);
            return diff.Count == 0 ? ["same shape as the committed fixture"] : diff;
        }
        catch (InvalidOperationException ex)
        {
            return [ex.Message];
        }
    }

    private void WriteReport()
    {
        var text = new StringBuilder()
            .Append("# Recorded answers: ").Append(provider).Append(", ").Append(Probe.Date).Append("\n\n")
            .Append("Each answer scrubbed (no key, no prompt; request ids, ids, timestamps and generated text as placeholders) and compared\n")
            .Append("with the committed fixture of the same scenario and mode in the snapshots' shape terms. Promote one with\n")
            .Append("`dotnet run --project src/CometApi.Simulator -- promote <recording.json>` and commit it as one reviewed change.\n\n");
        foreach (var entry in _entries)
        {
            text.Append("## ").Append(entry.Scenario).Append(' ').Append(entry.Mode).Append(": ").Append(entry.Status);
            if (entry.AlsoSeen > 0) text.Append(" (seen ").Append(entry.AlsoSeen + 1).Append(" times; the first is kept)");
            text.Append("\n\n");
            text.Append(entry.Path is null ? "not written\n" : $"`{Path.GetRelativePath(Folder, entry.Path)}`\n");
            foreach (var line in entry.Diff) text.Append("- ").Append(line).Append('\n');
            text.Append('\n');
        }

        Directory.CreateDirectory(Folder);
        File.WriteAllText(ReportPath, text.ToString());
    }

    private RecordedAnswer Probe => new()
    {
        Provider = provider,
        Scenario = "probe",
        Mode = RecordedAnswer.NonStreaming,
        Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Status = 0,
        MediaType = "",
    };

    /// <summary>One recorded scenario and mode: where it was written (null when refused) and how it differs from the fixture.</summary>
    public sealed record Entry(string Scenario, string Mode, int Status, string? Path, IReadOnlyList<string> Diff)
    {
        public int AlsoSeen { get; set; }
    }
}
