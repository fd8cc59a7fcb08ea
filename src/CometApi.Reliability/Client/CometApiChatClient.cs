using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;
using CometApi.Reliability.Parsing;
using CometApi.Reliability.Telemetry;
using CometApi.Reliability.Billing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CometApi.Reliability.Client;

/// <summary>
/// A chat-completions client for CometAPI (or any OpenAI-compatible provider) whose timeout, retry, fallback,
/// parsing, redaction and metrics follow the contract files. Every call ends in one <see cref="FailureClass"/>.
/// </summary>
public sealed class CometApiChatClient : IDisposable
{
    private readonly CometApiOptions _options;
    private readonly ContractSet _contracts;
    private readonly HttpClient _http;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly AttemptSender _sender;
    private readonly AttemptJudge _judge;
    private readonly MetadataReader _metadata;
    private readonly CallRecorder _recorder;
    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly ProviderEndpoint _primary;
    private readonly ProviderEndpoint? _fallback;

    /// <param name="options">Validated here: invalid options throw <see cref="CometApiConfigurationException"/> and nothing is sent.</param>
    /// <param name="contracts">The provider profile and failure policy (<see cref="ContractSet.Load"/>).</param>
    /// <param name="handler">Transport; by default a handler that never follows redirects (a redirect is a configuration error, and following it could hand the key to another host).</param>
    /// <param name="loggerFactory">Logs go here, redacted; content only with LogContent on.</param>
    /// <param name="meterFactory">Where the canary's instruments are created; a private meter when null.</param>
    /// <param name="timeProvider">Clock for deadlines, attempt timers and backoff waits.</param>
    /// <param name="jitter">Source of backoff jitter in [0,1); injectable so tests can pin it.</param>
    /// <param name="ledger">Receives one row per HTTP attempt (CL7); none when null.</param>
    public CometApiChatClient(
        CometApiOptions options,
        ContractSet contracts,
        HttpMessageHandler? handler = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null,
        Func<double>? jitter = null,
        IUsageLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contracts);
        var validation = new CometApiOptionsValidator().Validate(null, options);
        if (validation.Failed) throw new CometApiConfigurationException(validation.Failures!);

        _options = options;
        _contracts = contracts;
        _time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CometApi.Reliability.ChatClient");
        _metrics = new ChatMetrics(meterFactory);
        var redactor = new SecretRedactor([options.ApiKey, options.Fallback?.ApiKey]);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the client's own deadline and attempt timers rule
        };
        _primary = new ProviderEndpoint(options.ProviderName, ChatUri(options, contracts.Profile), options.ApiKey!, options.Model!);
        _fallback = options.Fallback is { } f
            ? new ProviderEndpoint(f.Name, new Uri(f.ChatEndpoint), f.ApiKey!, f.Model ?? options.Model!)
            : null;
        _metadata = new MetadataReader(contracts.Profile, redactor);
        _sender = new AttemptSender(_http, options, contracts.Profile, _metadata, redactor, _time);
        _judge = new AttemptJudge(contracts.Policy, new RetryPlanner(options.Retry, _time, jitter ?? Random.Shared.NextDouble), _metadata);
        _recorder = new CallRecorder(options, logger, _metrics, ledger, redactor);
        _pipeline = RetryPipeline.Build(options.Retry, _time, _recorder);
    }

    /// <summary>The chat-completions URL in use (no secrets in it).</summary>
    public Uri Endpoint => _primary.ChatUri;

    public Meter Meter => _metrics.Meter;

    /// <summary>Non-streamed chat completion. Provider failures come back classified, never thrown.</summary>
    public Task<ChatResult> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        CompleteCoreAsync(request, validate: true, _primary, cancellationToken);

    /// <summary>
    /// For live contract probes only: sends a request the client would refuse (no validation) and, when asked,
    /// without the key, so the provider's own answer to a broken request can be classified.
    /// </summary>
    internal Task<ChatResult> SendUncheckedAsync(ChatCompletionRequest request, bool sendKey, CancellationToken cancellationToken = default) =>
        CompleteCoreAsync(request, validate: false, sendKey ? _primary : _primary with { ApiKey = "" }, cancellationToken);

    private async Task<ChatResult> CompleteCoreAsync(ChatCompletionRequest request, bool validate, ProviderEndpoint primary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = new CallScope(_options.TotalTimeout, _time, cancellationToken);
        if (validate && Reject(request, call) is { } rejected) return rejected;

        var (result, fallbackReason) = await RunAsync(request, streaming: false, call, primary).ConfigureAwait(false);
        var outcome = (AttemptOutcome)result; // a non-streamed request never hands a stream over
        return Finish(call, outcome, fallbackReason, ChatAnswer.From(outcome.Chat));
    }

    /// <summary>
    /// Streamed chat completion: content deltas as they arrive, then one final event with the result. Retries and
    /// fallback happen only before the first delta reaches the caller.
    /// </summary>
    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatCompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = new CallScope(_options.TotalTimeout, _time, cancellationToken);
        if (Reject(request, call) is { } rejected)
        {
            yield return new ChatStreamEvent(null, null, rejected);
            yield break;
        }

        var (result, fallbackReason) = await RunAsync(request, streaming: true, call, _primary).ConfigureAwait(false);
        if (result is AttemptOutcome outcome)
        {
            // No stream was handed over: a failure, or a provider that ignores "stream": true and answers JSON,
            // which still gets its answer delivered.
            var answer = ChatAnswer.From(outcome.Chat);
            if (outcome.Class == FailureClass.Success && answer.Text is { } whole)
                yield return new ChatStreamEvent(whole, null, null);
            yield return new ChatStreamEvent(null, null, Finish(call, outcome, fallbackReason, answer));
            yield break;
        }

        var stream = (StreamingAttempt)result;
        await using (stream.ConfigureAwait(false))
        {
            do
            {
                while (stream.TryTakeDelta(out var delta)) yield return delta;
            }
            while (await stream.ReadMoreAsync(call.CallerToken).ConfigureAwait(false));

            var ended = _judge.Judge(stream.Ended(_metadata, _time.GetUtcNow(), _options.MaxResponseBytes), stream.Place, mayRetry: false);
            _recorder.Attempt(ended, call);
            yield return new ChatStreamEvent(null, null, Finish(call, ended, fallbackReason, stream.Answer));
        }
    }

    /// <summary>The primary's leg, then the fallback's when the primary's class allows it and time is left.</summary>
    private async Task<(AttemptResult Result, FailureClass? FallbackReason)> RunAsync(
        ChatCompletionRequest request, bool streaming, CallScope call, ProviderEndpoint primary)
    {
        var result = await RunLegAsync(primary, request, streaming, call).ConfigureAwait(false);
        if (result is not AttemptOutcome { Decision.Policy.Fallback: true } failed || call.Token.IsCancellationRequested || _fallback is null)
            return (result, null);

        var reason = failed.Class;
        _recorder.FallingBack(primary, _fallback, reason, call);
        return (await RunLegAsync(_fallback, request, streaming, call).ConfigureAwait(false), reason);
    }

    /// <summary>One provider's attempts: each sent, judged once, recorded, and retried only as its plan says.</summary>
    private async Task<AttemptResult> RunLegAsync(ProviderEndpoint endpoint, ChatCompletionRequest request, bool streaming, CallScope call)
    {
        var leg = new Leg(endpoint, RequestBody.Serialize(request, endpoint.Model, streaming), streaming, call);
        var context = ResilienceContextPool.Shared.Get(call.Token);
        try
        {
            return await _pipeline.ExecuteAsync<AttemptResult, (CometApiChatClient Client, Leg Leg)>(static async (ctx, state) =>
            {
                var (client, leg) = state;
                var place = leg.Next();
                var seen = await client._sender.SendAsync(leg.Endpoint, leg.Body, leg.Streaming, leg.Call.Id, leg.Call.CallerToken, ctx.CancellationToken).ConfigureAwait(false);
                if (seen.Stream is { } reader) return new StreamingAttempt(reader, seen, place);

                var outcome = client._judge.Judge(seen, place, mayRetry: true);
                client._recorder.Attempt(outcome, leg.Call);
                leg.Finished(outcome);
                return outcome;
            }, context, (this, leg)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting to retry: the class says whose decision it was; no HTTP attempt is added.
            var attempts = call.Attempts;
            var signals = new ResponseSignals { Transport = call.CallerToken.IsCancellationRequested ? TransportCondition.CallerCancelled : TransportCondition.Timeout };
            var last = attempts.Count > 0 ? ResponseMetadata.None with { RequestId = attempts[^1].RequestId, StatusCode = attempts[^1].StatusCode } : ResponseMetadata.None;
            return _judge.Judge(new AttemptObservation(signals, _time.GetUtcNow(), TimeSpan.Zero, last) { Note = "cancelled during the backoff wait" }, leg.Next(), mayRetry: false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ChatResult? Reject(ChatCompletionRequest request, CallScope call)
    {
        _recorder.Requested(request, call);
        var errors = RequestValidator.Validate(request, request.Model ?? _primary.Model);
        if (errors.Count == 0) return null;

        var result = new ChatResult
        {
            Class = FailureClass.InvalidRequest,
            OperatorAction = _contracts.Policy.For(FailureClass.InvalidRequest).OperatorAction,
            Rule = "client-side request validation",
            Attempts = [],
            Metadata = ResponseMetadata.None,
            ValidationErrors = errors,
        };
        _recorder.Rejected(result, _primary, call);
        return result;
    }

    /// <summary>The call's result: the last outcome's class, and the answer whichever way it arrived.</summary>
    private ChatResult Finish(CallScope call, AttemptOutcome outcome, FailureClass? fallbackReason, in ChatAnswer answer)
    {
        var endpoint = outcome.Place.Endpoint;
        var result = new ChatResult
        {
            Class = outcome.Class,
            OperatorAction = outcome.Decision.Policy.OperatorAction,
            Rule = outcome.Decision.RuleName,
            AnsweredBy = call.Attempts.Count > 0 ? endpoint.Name : null,
            FallbackUsed = fallbackReason is not null,
            FallbackReason = fallbackReason,
            Attempts = call.Attempts,
            Metadata = outcome.Metadata,
            Text = answer.Text,
            Refusal = answer.Refusal,
            FinishReason = answer.FinishReason,
            Model = answer.Model,
            Usage = answer.Usage,
        };
        _recorder.Finished(result, endpoint, call);
        return result;
    }

    /// <summary>COMETAPI_CHAT_ENDPOINT wins; else base URL (or the profile's default) joined with the profile's path.</summary>
    private static Uri ChatUri(CometApiOptions options, ProviderProfile profile)
    {
        if (options.ChatEndpoint is { } explicitEndpoint) return new Uri(explicitEndpoint);
        var baseUrl = (options.BaseUrl ?? profile.DefaultBaseUrl.Value).TrimEnd('/') + "/";
        return new Uri(new Uri(baseUrl), profile.ChatCompletionsPath.Value.TrimStart('/'));
    }

    public void Dispose()
    {
        _http.Dispose();
        _metrics.Dispose();
    }

    public override string ToString() => $"CometApiChatClient({_primary}, fallback: {_fallback?.ToString() ?? "none"})";
}
