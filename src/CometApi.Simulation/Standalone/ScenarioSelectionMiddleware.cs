using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CometApi.Simulation.Standalone;

/// <summary>
/// Runs before WireMock on every request: serves the admin routes, answers an unknown scenario with a 404 naming the
/// known ones, counts the request for its scenario, and turns a path prefix into the selector header so WireMock
/// matches both ways of choosing a scenario with the same mappings.
/// </summary>
internal sealed class ScenarioSelectionMiddleware(StandaloneSimulator simulator)
{
    public const string AdminPrefix = "/__simulator";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith(AdminPrefix, StringComparison.Ordinal))
        {
            await AdminAsync(context, path[AdminPrefix.Length..]).ConfigureAwait(false);
            return;
        }

        var (name, scenarioPath) = ScenarioSelector.Select(path, request.Headers[ScenarioRoute.SelectorHeader].ToString());
        if (name is null)
        {
            simulator.Tally.Add(RequestTally.Healthy);
            await next().ConfigureAwait(false);
            return;
        }

        if (!simulator.Catalog.Scenarios.Any(s => s.Name == name))
        {
            var known = simulator.Catalog.Scenarios.Select(s => s.Name).ToList();
            var body = SimulatorAnswers.Error($"Unknown scenario '{name}'. Known scenarios: {string.Join(", ", known)}.", "unknown_scenario");
            body["scenarios"] = new JsonArray(known.Select(k => (JsonNode?)k).ToArray());
            await SimulatorAnswers.WriteAsync(context.Response, StatusCodes.Status404NotFound, body).ConfigureAwait(false);
            return;
        }

        simulator.Tally.Add(name);
        request.Path = scenarioPath;
        request.Headers[ScenarioRoute.SelectorHeader] = name;
        await next().ConfigureAwait(false);
    }

    private async Task AdminAsync(HttpContext context, string route)
    {
        var method = context.Request.Method;
        if (route is "/scenarios" or "/scenarios/" && HttpMethods.IsGet(method))
        {
            await SimulatorAnswers.WriteAsync(context.Response, StatusCodes.Status200OK, simulator.Describe()).ConfigureAwait(false);
            return;
        }

        if (route is "/reset" && HttpMethods.IsPost(method))
        {
            var scenario = context.Request.Query["scenario"].ToString();
            if (scenario.Length == 0)
            {
                simulator.ResetAll();
            }
            else if (!simulator.Reset(scenario))
            {
                await SimulatorAnswers.WriteAsync(context.Response, StatusCodes.Status404NotFound,
                    SimulatorAnswers.Error($"Unknown scenario '{scenario}'.", "unknown_scenario")).ConfigureAwait(false);
                return;
            }

            await SimulatorAnswers.WriteAsync(context.Response, StatusCodes.Status200OK, simulator.Describe()).ConfigureAwait(false);
            return;
        }

        await SimulatorAnswers.WriteAsync(context.Response, StatusCodes.Status404NotFound, SimulatorAnswers.Error(
            $"Admin routes: GET {AdminPrefix}/scenarios, POST {AdminPrefix}/reset[?scenario=<name>].", "unknown_admin_route")).ConfigureAwait(false);
    }
}
