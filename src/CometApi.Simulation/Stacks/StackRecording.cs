using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Simulation.Stacks;

/// <summary>
/// The reviewed conformance file of one client stack (<c>contracts/clients/&lt;stack&gt;.json</c>): what the
/// simulation and the stack's caller saw for every catalog scenario in both modes.
/// </summary>
public sealed record StackRecording
{
    public const string FolderName = "clients";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string Stack { get; init; }

    public required string Description { get; init; }

    /// <summary>How the recording was made (virtual waits, scaled timers, the watchdog): read it before the cases.</summary>
    public required string Method { get; init; }

    public required IReadOnlyList<StackCase> Cases { get; init; }

    /// <summary>The conformance files folder of a repository root.</summary>
    public static string FolderOf(string repositoryRoot) => Path.Combine(repositoryRoot, "contracts", FolderName);

    public static StackRecording Read(string path) =>
        JsonSerializer.Deserialize<StackRecording>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: empty conformance file.");

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";
}

/// <summary>One scenario in one mode, as one stack went through it.</summary>
public sealed record StackCase
{
    public const string JsonMode = "json";
    public const string StreamMode = "stream";

    /// <summary>The class recorded when the stack had not ended the call when the harness's watchdog fired.</summary>
    public const string Hung = "hung";

    public required string Scenario { get; init; }

    /// <summary><see cref="JsonMode"/> or <see cref="StreamMode"/>.</summary>
    public required string Mode { get; init; }

    /// <summary>HTTP requests the simulation received.</summary>
    public required int Attempts { get; init; }

    /// <summary>
    /// The wait before each retry, as bounds ("250ms-1s", "1s-5s", ...): the delay the stack asked for when it says,
    /// else the gap the simulation measured between two requests (then prefixed "measured ").
    /// </summary>
    public required IReadOnlyList<string> Delays { get; init; }

    /// <summary>The caller's outcome as a failure class (<see cref="Hung"/> when it never ended).</summary>
    public required string Outcome { get; init; }

    /// <summary>What reached the caller: "answer", or the exception type (with status when it had one).</summary>
    public required string Surface { get; init; }

    /// <summary>The total of the waits the stack asked for that the harness made virtual, as bounds; null when none.</summary>
    public string? VirtualWait { get; init; }

    /// <summary>Whether the call ended within the interactive deadline (real time plus virtual waits).</summary>
    public required bool WithinDeadline { get; init; }

    /// <summary>For scenarios whose stream is cut or never finishes: whether the caller was told (exception or non-success result); null elsewhere.</summary>
    public bool? TruncationSurfaced { get; init; }

    /// <summary>Whether the API key appeared in any exception the caller got (message, inner exceptions, stack text).</summary>
    public required bool KeyInException { get; init; }

    [JsonIgnore]
    public string Id => $"{Scenario} {Mode}";
}
