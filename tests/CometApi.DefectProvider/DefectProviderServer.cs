using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CometApi.DefectProvider;

/// <summary>
/// A small OpenAI-compatible server (chat completions as JSON and SSE, the models list, bearer keys, request ids,
/// usage) on a random loopback port, with one switchable <see cref="Defect"/>.
/// </summary>
public sealed class DefectProviderServer : IAsyncDisposable
{
    public const string ValidKey = "defect-valid-key-0001";
    public const string RevokedKey = "defect-revoked-key-0001";
    public const string Model = "defect-model-1";

    private readonly WebApplication _app;
    private readonly DefectAnswers _answers;
    private DefectProviderServer(WebApplication app, DefectAnswers answers, string url)
    {
        _app = app;
        _answers = answers;
        Url = url;
    }

    public Defect Defect => _answers.Defect;

    /// <summary>Scheme, host and port.</summary>
    public string Url { get; }

    /// <summary>The base URL a client is configured with: always /v1 (with <see cref="Defect.WrongBasePath"/> that is the wrong one).</summary>
    public string BaseUrl => Url + "/v1";

    /// <summary>HTTP requests that reached the server.</summary>
    public int RequestCount => _answers.RequestCount;

    /// <summary>Called when the server starts holding an answer back (stalled stream, slow answer): the test's clock can move.</summary>
    public Action? Stalling
    {
        get => _answers.Stalling;
        set => _answers.Stalling = value;
    }

    public static async Task<DefectProviderServer> StartAsync(Defect defect = Defect.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var answers = new DefectAnswers(defect);
        app.Run(answers.AnswerAsync);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DefectProviderServer(app, answers, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
