namespace CometApi.Simulation.Standalone;

/// <summary>
/// Which scenario a request selects: the path prefix <c>/scenarios/&lt;name&gt;/...</c> first, then the
/// <see cref="ScenarioRoute.SelectorHeader"/> header; none means the healthy provider.
/// </summary>
public static class ScenarioSelector
{
    public const string PathPrefix = "/scenarios/";

    /// <summary>The selected scenario name and the path the scenario sees (the prefix removed), or a null name.</summary>
    public static (string? Name, string Path) Select(string path, string? header)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            var rest = path[PathPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
            return (name, slash < 0 ? "/" : rest[slash..]);
        }

        return (string.IsNullOrWhiteSpace(header) ? null : header.Trim(), path);
    }
}
