using System.Text.Json.Nodes;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>Copies of contracts/launch-gate.json with the ticket filled in and the service section changed, for gate tests.</summary>
internal static class GateFiles
{
    /// <summary>
    /// Every empty ticket field filled; the fallback field says <paramref name="fallback"/> ("none" unless given) and
    /// service.fallbackProvider names <paramref name="fallbackProvider"/>; <paramref name="mustHold"/> replaces the rules the stack must hold.
    /// </summary>
    public static LaunchGate Filled(string dir, string fallback = LaunchGate.NoFallback, string? fallbackProvider = null, string[]? mustHold = null)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Contracts, "launch-gate.json")))!.AsObject();
        var ticket = file["ticket"]!.AsObject();
        foreach (var field in ticket.Select(p => p.Key).ToList()) ticket[field] ??= "filled in by the launch owner";
        ticket["fallback"] = fallback;
        file["service"]!["fallbackProvider"] = fallbackProvider;
        if (mustHold is not null) file["service"]!["clientStackMustHold"] = new JsonArray(mustHold.Select(r => (JsonNode)r).ToArray());
        var path = Path.Combine(dir, $"launch-gate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, file.ToJsonString());
        return LaunchGate.Load(path);
    }
}
