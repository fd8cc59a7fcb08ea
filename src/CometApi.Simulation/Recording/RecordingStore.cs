using System.Text.Encodings.Web;
using System.Text.Json;

namespace CometApi.Simulation.Recording;

/// <summary>
/// Where recordings live and how they are written: <c>fixtures/recorded/&lt;provider&gt;/&lt;date&gt;/&lt;scenario&gt;.json</c>
/// (<c>&lt;scenario&gt;.stream.json</c> for the streaming mode), indented JSON. Nothing is written before the scrubbed
/// text is checked for leaks.
/// </summary>
public static class RecordingStore
{
    public const string Folder = "recorded";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file of one recording under <paramref name="fixturesRoot"/>.</summary>
    public static string PathOf(string fixturesRoot, RecordedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(fixturesRoot);
        ArgumentNullException.ThrowIfNull(answer);
        foreach (var part in new[] { answer.Provider, answer.Date, answer.Scenario })
        {
            if (part.Length == 0 || part.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || part.Contains("..", StringComparison.Ordinal))
                throw new ArgumentException($"'{part}' cannot be part of a recording path.", nameof(answer));
        }

        var file = answer.Scenario + (answer.IsStreaming ? ".stream.json" : ".json");
        return Path.Combine(fixturesRoot, Folder, answer.Provider, answer.Date, file);
    }

    /// <summary>Scrubs <paramref name="raw"/>, checks the text for leaks, writes it; returns the path and what was written.</summary>
    /// <exception cref="InvalidOperationException">The scrubbed text still holds a secret or an original id (nothing is written).</exception>
    public static (string Path, RecordedAnswer Written) Write(string fixturesRoot, RecordedAnswer raw, Scrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(scrubber);
        var scrubbed = scrubber.Scrub(raw);
        var text = Serialize(scrubbed);
        var leaks = scrubber.Leaks(text, raw);
        if (leaks.Count > 0)
            throw new InvalidOperationException($"Recording of {raw.Scenario} not written: it would hold {string.Join(", ", leaks.Distinct())}.");

        var path = PathOf(fixturesRoot, scrubbed);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return (path, scrubbed);
    }

    public static string Serialize(RecordedAnswer answer) => JsonSerializer.Serialize(answer, Options) + "\n";

    /// <exception cref="InvalidDataException">The file is not a recording.</exception>
    public static RecordedAnswer Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return JsonSerializer.Deserialize<RecordedAnswer>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty recording.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a recording ({ex.Message}).", ex);
        }
    }
}
