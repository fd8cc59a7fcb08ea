using CometApi.Reliability;

namespace CometApi.Live.Checks;

/// <summary>CL2.minimal-request: the configured endpoint and model answer a minimal request with a chat completion.</summary>
public sealed class MinimalRequestCheck : ILiveCheck
{
    public string Id => "CL2.minimal-request";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var call = await context.Client().CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        if (call.IsSuccess) return context.Pass(call, $"{context.Session.ChatUrl} answered model {context.Session.Model} with a chat completion");
        return context.Fail(call.Class.WireName(),
            $"{Id}: the configured endpoint {context.Session.ChatUrl} with model {context.Session.Model} does not answer a minimal request: {LiveCheckContext.Describe(call)}", call);
    }
}

/// <summary>CL2.unknown-path: a chat request to an unknown path under the base URL is a configuration error.</summary>
public sealed class UnknownPathCheck : ILiveCheck
{
    public string Id => "CL2.unknown-path";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var path = context.Session.BaseUrl.TrimEnd('/') + "/chat/completions-contract-suite-unknown-path";
        var call = await context.Client(o => o.ChatEndpoint = path).CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        return context.Expect(call, FailureClass.Configuration, $"{path} is a configuration error");
    }
}

/// <summary>
/// CL2.unknown-model: an unknown model is a configuration error that names the model. An answer that does not
/// name the model (a bare 400, a generic 404) cannot show the client told the operator the right cause: inconclusive.
/// </summary>
public sealed class UnknownModelCheck : ILiveCheck
{
    public string Id => "CL2.unknown-model";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var model = LiveSession.UnknownModel;
        var call = await context.Client(o => o.Model = model).CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        var naming = ModelNaming.Find(call, model);
        if (naming is null)
            return context.Inconclusive($"{Id}: the answer to model '{model}' does not name the model as the cause (no model_not_found-like code, no param \"model\", no model name in the message): {LiveCheckContext.Describe(call)}", call);
        if (call.Class != FailureClass.Configuration)
            return context.Fail(call.Class.WireName(), $"{Id}: the answer names the model ({naming}) but the client classified it {LiveCheckContext.Describe(call)}; expected configuration", call);
        return context.Pass(call, $"model '{model}' is a configuration error; the answer names the model ({naming})");
    }
}
