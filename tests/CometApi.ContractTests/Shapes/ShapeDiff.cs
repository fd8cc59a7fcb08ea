namespace CometApi.ContractTests.Shapes;

/// <summary>
/// Compares two shape texts field by field: which paths were added or removed and which changed kind, per section
/// (the response, then each event of a stream in order).
/// </summary>
public static class ShapeDiff
{
    public static IReadOnlyList<string> Describe(string expected, string actual)
    {
        var before = Sections(expected);
        var after = Sections(actual);
        var changes = new List<string>();
        var titlesBefore = before.Skip(1).Select(s => s.Title).ToList();
        var titlesAfter = after.Skip(1).Select(s => s.Title).ToList();
        if (!titlesBefore.SequenceEqual(titlesAfter))
            changes.Add($"events: [{string.Join(", ", titlesBefore)}] -> [{string.Join(", ", titlesAfter)}]");

        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            var old = i < before.Count ? before[i] : null;
            var now = i < after.Count ? after[i] : null;
            var where = i == 0 ? "response" : $"event {i} ({now?.Title ?? old!.Title})";
            var oldFields = old?.Fields ?? [];
            var newFields = now?.Fields ?? [];
            foreach (var (path, kind) in oldFields.Where(f => !newFields.ContainsKey(f.Key)))
                changes.Add($"{where}: removed {path} (was {kind})");
            foreach (var (path, kind) in newFields.Where(f => !oldFields.ContainsKey(f.Key)))
                changes.Add($"{where}: added {path}: {kind}");
            foreach (var (path, kind) in newFields.Where(f => oldFields.TryGetValue(f.Key, out var was) && was != f.Value))
                changes.Add($"{where}: changed {path}: {oldFields[path]} -> {kind}");
        }

        return changes;
    }

    /// <summary>The response section (status, content type, body fields) followed by one section per event.</summary>
    private static List<Section> Sections(string shape)
    {
        var sections = new List<Section> { new("response") };
        foreach (var line in shape.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith(ShapeNormalizer.EventPrefix, StringComparison.Ordinal))
            {
                sections.Add(new Section(line[ShapeNormalizer.EventPrefix.Length..]));
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? line.Trim() : line[..colon].Trim();
            sections[^1].Fields[key] = colon < 0 ? "" : line[(colon + 2)..];
        }

        return sections;
    }

    private sealed record Section(string Title)
    {
        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    }
}
