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
    private readonly ILogger _logger;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly AttemptSender _sender;
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline;
    private readonly ProviderEndpoint _primary;
    private readonly ProviderEndpoint? _fallback;
    private readonly SecretRedactor _redactor;
    private readonly IUsageLedger? _ledger;

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
        _ledger = ledger;
        _contracts = contracts;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CometApi.Reliability.ChatClient");
        _metrics = new ChatMetrics(meterFactory);
        _redactor = new SecretRedactor([options.ApiKey, options.Fallback?.ApiKey]);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the client's own deadline and attempt timers rule
        };
        _primary = new ProviderEndpoint(options.ProviderName, ChatUri(options, contracts.Profile), options.ApiKey!, options.Model!);
        _fallback = options.Fallback is { } f
            ? new ProviderEndpoint(f.Name, new Uri(f.ChatEndpoint), f.ApiKey!, f.Model ?? options.Model!)
            : null;
        _sender = new AttemptSender(_http, options, contracts, _redactor, _time);
        _pipeline = RetryPipeline.Build(options, _time, jitter ?? Random.Shared.NextDouble, _logger, _metrics);
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

        var attempts = new List<AttemptRecord>();
        var (outcome, endpoint, fallbackReason) = await RunAsync(request, streaming: false, call, attempts, primary).ConfigureAwait(false);
        var message = outcome.Chat?.Choices[0].Message;
        return Finish(call, outcome, endpoint, attempts, fallbackReason, message?.Content, message?.Refusal,
            outcome.Chat?.Choices[0].FinishReason, outcome.Chat?.Model, outcome.Chat?.Usage);
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

        var attempts = new List<AttemptRecord>();
        var (outcome, endpoint, fallbackReason) = await RunAsync(request, streaming: true, call, attempts, _primary).ConfigureAwait(false);
        if (outcome.Stream is not { } reader)
        {
            // A provider that ignores "stream": true and answers JSON still gets its answer delivered.
            var message = outcome.Chat?.Choices[0].Message;
            if (outcome.Decision.Class == FailureClass.Success && message?.Content is { } whole)
                yield return new ChatStreamEvent(whole, null, null);
            yield return new ChatStreamEvent(null, null, Finish(call, outcome, endpoint, attempts, fallbackReason,
                message?.Content, message?.Refusal, outcome.Chat?.Choices[0].FinishReason, outcome.Chat?.Model, outcome.Chat?.Usage));
            yield break;
        }

        await using (reader.ConfigureAwait(false))
        {
            var transport = TransportCondition.None;
            while (true)
            {
                while (reader.Pending.TryDequeue(out var delta))
                    yield return new ChatStreamEvent(delta.Content, delta.Refusal, null);
                if (reader.Ended || transport != TransportCondition.None) break;
                transport = await ReadNextAsync(reader, call).ConfigureAwait(false);
            }

            var signals = reader.Signals(transport);
            outcome.Signals = signals;
            outcome.Decision = _contracts.Policy.Classify(signals);
            outcome.Metadata = _sender.StreamMetadata(reader);
            outcome.Duration = _time.GetUtcNow() - outcome.StartedAt;
            outcome.OutputBytes = reader.BytesRead;
            outcome.Usage = reader.Usage;
            outcome.Note = transport switch
            {
                TransportCondition.Timeout => "total deadline reached mid-stream",
                TransportCondition.CallerCancelled => "cancelled by the caller mid-stream",
                TransportCondition.ConnectionFailed => "connection lost mid-stream",
                _ when reader.TextCapReached => $"stream cut after more than {_options.MaxResponseBytes} characters of text (MaxResponseBytes)",
                _ => outcome.Note,
            };
            Record(outcome, endpoint, attempts, retryIndex: attempts.Count(a => a.Provider == endpoint.Name), call.Id);
            yield return new ChatStreamEvent(null, null, Finish(call, outcome, endpoint, attempts, fallbackReason,
                reader.Content, reader.Refusal.Length > 0 ? reader.Refusal : null, reader.FinishReason, reader.Model, reader.Usage));
        }
    }

    private static async ValueTask<TransportCondition> ReadNextAsync(SseChatReader reader, CallScope call)
    {
        try
        {
            await reader.ReadNextAsync().ConfigureAwait(false);
            return TransportCondition.None;
        }
        catch (OperationCanceledException)
        {
            return call.CallerToken.IsCancellationRequested ? TransportCondition.CallerCancelled : TransportCondition.Timeout;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return TransportCondition.ConnectionFailed;
        }
    }

    private async Task<(AttemptOutcome Outcome, ProviderEndpoint Endpoint, FailureClass? FallbackReason)> RunAsync(
        ChatCompletionRequest request, bool streaming, CallScope call, List<AttemptRecord> attempts, ProviderEndpoint primary)
    {
        var outcome = await RunLegAsync(primary, request, streaming, call, attempts).ConfigureAwait(false);
        var policy = outcome.Decision.Policy;
        if (!policy.Fallback || outcome.Stream is not null || call.Token.IsCancellationRequested)
            return (outcome, primary, null);
        if (_fallback is null) return (outcome, primary, null);

        var reason = outcome.Decision.Class;
        _metrics.Fallback(primary.Name, _fallback.Name, reason);
        ClientLog.FallbackStarted(_logger, primary.Name, _fallback.Name, reason.WireName(), call.Id);
        var fallbackOutcome = await RunLegAsync(_fallback, request, streaming, call, attempts).ConfigureAwait(false);
        return (fallbackOutcome, _fallback, reason);
    }

    private async Task<AttemptOutcome> RunLegAsync(ProviderEndpoint endpoint, ChatCompletionRequest request, bool streaming,
        CallScope call, List<AttemptRecord> attempts)
    {
        var body = RequestBody.Serialize(request, endpoint.Model, streaming);
        var leg = new LegState(endpoint, call.Id, call.Deadline, attempts);
        var context = ResilienceContextPool.Shared.Get(call.Token);
        context.Properties.Set(RetryPipeline.LegKey, leg);
        try
        {
            return await _pipeline.ExecuteAsync(async (ctx, state) =>
            {
                var (client, leg, body, streaming, call, attempts) = state;
                var outcome = await client._sender.SendAsync(leg.Endpoint, body, streaming, call.Id, call.CallerToken, ctx.CancellationToken).ConfigureAwait(false);
                outcome.BackoffBefore = leg.RetryIndex == 0 ? null : leg.NextDelay;
                outcome.Streaming = streaming;
                if (outcome.Stream is null) client.Record(outcome, leg.Endpoint, attempts, leg.RetryIndex, call.Id);
                leg.RetryIndex++;
                return outcome;
            }, context, (this, leg, body, streaming, call, attempts)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting to retry: the class says whose decision it was; no HTTP attempt is added.
            var signals = new ResponseSignals { Transport = call.CallerToken.IsCancellationRequested ? TransportCondition.CallerCancelled : TransportCondition.Timeout };
            return new AttemptOutcome
            {
                Decision = _contracts.Policy.Classify(signals),
                Signals = signals,
                StartedAt = _time.GetUtcNow(),
                Metadata = attempts.Count > 0 ? ResponseMetadata.None with { RequestId = attempts[^1].RequestId, StatusCode = attempts[^1].StatusCode } : ResponseMetadata.None,
                Note = "cancelled during the backoff wait",
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void Record(AttemptOutcome outcome, ProviderEndpoint endpoint, List<AttemptRecord> attempts, int retryIndex, string callId)
    {
        var cls = outcome.Decision.Class;
        var record = new AttemptRecord(endpoint.Name, retryIndex, cls, outcome.Metadata.StatusCode, outcome.Metadata.RequestId,
            outcome.StartedAt, outcome.Duration, outcome.BackoffBefore, outcome.Decision.RuleName, outcome.Note, ContentDelivered: outcome.Stream is not null);
        attempts.Add(record);
        var usage = outcome.Usage ?? outcome.Chat?.Usage;
        _ledger?.Append(new LedgerRow(outcome.StartedAt, callId, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, outcome.Streaming,
            retryIndex, record.StatusCode, cls, record.RequestId, outcome.InputBytes, outcome.OutputBytes, usage?.PromptTokens, usage?.CompletionTokens, outcome.Duration));
        _metrics.Attempt(endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls, record.StatusCode);
        var ms = (long)outcome.Duration.TotalMilliseconds;
        if (cls == FailureClass.Timeout)
            ClientLog.Timeout(_logger, retryIndex + 1, endpoint.Name, outcome.Note ?? "timeout", ms, callId);
        if (cls == FailureClass.Success)
            ClientLog.AttemptSucceeded(_logger, retryIndex + 1, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls.WireName(), record.StatusCode, record.RequestId, ms, callId);
        else
            ClientLog.AttemptFailed(_logger, retryIndex + 1, endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls.WireName(), record.StatusCode, record.RequestId, ms, outcome.Decision.RuleName, callId);
    }

    private ChatResult? Reject(ChatCompletionRequest request, CallScope call)
    {
        if (_options.LogContent)
            ClientLog.RequestContent(_logger, call.Id, _redactor.Redact(string.Join(" | ", request.Messages?.Select(m => $"{m?.Role}: {m?.Content}") ?? [])));
        var errors = RequestValidator.Validate(request, request.Model ?? _primary.Model);
        if (errors.Count == 0) return null;

        ClientLog.RequestRejected(_logger, call.Id, string.Join("; ", errors));
        var policy = _contracts.Policy.For(FailureClass.InvalidRequest);
        var result = new ChatResult
        {
            Class = FailureClass.InvalidRequest,
            OperatorAction = policy.OperatorAction,
            Rule = "client-side request validation",
            Attempts = [],
            Metadata = ResponseMetadata.None,
            ValidationErrors = errors,
        };
        _metrics.Call(_primary.Name, _primary.LogEndpoint, _primary.Model, result.Class, call.Elapsed, null);
        return result;
    }

    private ChatResult Finish(CallScope call, AttemptOutcome outcome, ProviderEndpoint endpoint, List<AttemptRecord> attempts,
        FailureClass? fallbackReason, string? text, string? refusal, string? finishReason, string? model, Usage? usage)
    {
        var cls = outcome.Decision.Class;
        var result = new ChatResult
        {
            Class = cls,
            OperatorAction = outcome.Decision.Policy.OperatorAction,
            Rule = outcome.Decision.RuleName,
            AnsweredBy = attempts.Count > 0 ? endpoint.Name : null,
            FallbackUsed = fallbackReason is not null,
            FallbackReason = fallbackReason,
            Attempts = attempts,
            Metadata = outcome.Metadata,
            Text = text,
            Refusal = refusal,
            FinishReason = finishReason,
            Model = model,
            Usage = usage,
        };
        _metrics.Call(endpoint.Name, endpoint.LogEndpoint, endpoint.Model, cls, call.Elapsed, usage, answeredByFallback: fallbackReason is not null);
        if (_options.LogContent && text is not null)
            ClientLog.ResponseContent(_logger, call.Id, _redactor.Redact(text));
        ClientLog.CallFinished(_logger, call.Id, cls.WireName(), result.AnsweredBy, attempts.Count, (long)call.Elapsed.TotalMilliseconds, result.OperatorAction);
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
