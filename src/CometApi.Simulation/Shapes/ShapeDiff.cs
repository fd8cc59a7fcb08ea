namespace CometApi.Simulation.Shapes;

/// <summary>
/// Compares two shape texts field by field: which paths were added or removed and which changed kind, in the
/// response section and in each event of a stream. Events are aligned on the ones that did not change (a longest
/// common subsequence), so an inserted or dropped event is reported as such, not as a change to every later one.
/// </summary>
public static class ShapeDiff
{
    public static IReadOnlyList<string> Describe(string expected, string actual)
    {
        var before = Sections(expected);
        var after = Sections(actual);
        var changes = new List<string>();
        Compare("response", before[0], after[0], changes);

        var oldEvents = before.Skip(1).ToList();
        var newEvents = after.Skip(1).ToList();
        if (!oldEvents.Select(e => e.Title).SequenceEqual(newEvents.Select(e => e.Title)))
            changes.Add($"events: [{string.Join(", ", oldEvents.Select(e => e.Title))}] -> [{string.Join(", ", newEvents.Select(e => e.Title))}]");

        foreach (var (oldIndex, newIndex) in Align(oldEvents, newEvents))
        {
            var where = newIndex is { } n ? $"event {n + 1} ({newEvents[n].Title})" : $"event {oldIndex!.Value + 1} ({oldEvents[oldIndex.Value].Title})";
            if (newIndex is null)
            {
                changes.Add($"{where}: removed event"); // its fields are in the old snapshot, next to the diff
                continue;
            }

            if (oldIndex is null) changes.Add($"{where}: added event");
            Compare(where, oldIndex is { } o ? oldEvents[o] : null, newEvents[newIndex.Value], changes);
        }

        return changes;
    }

    private static void Compare(string where, Section? old, Section? now, List<string> changes)
    {
        var oldFields = old?.Fields ?? [];
        var newFields = now?.Fields ?? [];
        foreach (var (path, kind) in oldFields.Where(f => !newFields.ContainsKey(f.Key)))
            changes.Add($"{where}: removed {path} (was {kind})");
        foreach (var (path, kind) in newFields.Where(f => !oldFields.ContainsKey(f.Key)))
            changes.Add($"{where}: added {path}: {kind}");
        foreach (var (path, kind) in newFields.Where(f => oldFields.TryGetValue(f.Key, out var was) && was != f.Value))
            changes.Add($"{where}: changed {path}: {oldFields[path]} -> {kind}");
    }

    /// <summary>
    /// The events that differ, as (old index, new index) pairs: unchanged events anchor the alignment; between two
    /// anchors, old and new events pair up in order and the leftovers stand alone (removed or added).
    /// </summary>
    private static List<(int? Old, int? New)> Align(List<Section> old, List<Section> now)
    {
        var lcs = new int[old.Count + 1, now.Count + 1];
        for (var i = old.Count - 1; i >= 0; i--)
        for (var j = now.Count - 1; j >= 0; j--)
            lcs[i, j] = old[i] == now[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var pairs = new List<(int?, int?)>();
        var (a, b) = (0, 0);
        var (pendingOld, pendingNew) = (new List<int>(), new List<int>());
        while (a < old.Count || b < now.Count)
        {
            if (a < old.Count && b < now.Count && old[a] == now[b])
            {
                Flush();
                (a, b) = (a + 1, b + 1);
            }
            else if (b < now.Count && (a == old.Count || lcs[a, b + 1] >= lcs[a + 1, b]))
            {
                pendingNew.Add(b++);
            }
            else
            {
                pendingOld.Add(a++);
            }
        }

        Flush();
        return pairs;

        void Flush()
        {
            for (var k = 0; k < Math.Max(pendingOld.Count, pendingNew.Count); k++)
                pairs.Add((k < pendingOld.Count ? pendingOld[k] : null, k < pendingNew.Count ? pendingNew[k] : null));
            pendingOld.Clear();
            pendingNew.Clear();
        }
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

        public bool Equals(Section? other) =>
            other is not null && Title == other.Title && Fields.Count == other.Fields.Count
            && Fields.All(f => other.Fields.TryGetValue(f.Key, out var v) && v == f.Value);

        public override int GetHashCode() => HashCode.Combine(Title, Fields.Count);
    }
}
