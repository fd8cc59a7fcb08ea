using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace CometApi.Simulation.Standalone;

/// <summary>
/// Answers a request that selected a known scenario but matches none of its mappings (another path, or a mode the
/// scenario does not have): a clear 400/404 instead of falling through to the healthy provider.
/// </summary>
internal sealed class NoModeResponder(Scenario scenario) : IResponseProvider
{
    public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
        IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requestMessage);
        var modes = string.Join(" and ", new[] { (false, "\"stream\": false"), (true, "\"stream\": true") }
            .Where(m => scenario.Supports(m.Item1)).Select(m => m.Item2));
        var onChatPath = requestMessage.Path == ScenarioSimulator.ChatCompletionsPath && requestMessage.Method == HttpMethods.Post;
        var message = onChatPath
            ? $"Scenario '{scenario.Name}' has no mode for this request; it answers POST {ScenarioSimulator.ChatCompletionsPath} with {modes}."
            : $"Scenario '{scenario.Name}' does not serve {requestMessage.Method} {requestMessage.Path}; it answers POST {ScenarioSimulator.ChatCompletionsPath} with {modes}.";
        await SimulatorAnswers.WriteAsync(context.Response, onChatPath ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound,
            SimulatorAnswers.Error(message, onChatPath ? "scenario_mode_missing" : "scenario_route_missing")).ConfigureAwait(false);
        return ResponderResult.AlreadyWritten;
    }
}
