using CometApi.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Live.Checks;

/// <summary>
/// CL5.client-timeout. The client's clock is a fake one that jumps past the deadline the moment the request is
/// handed to the socket, so the deadline always falls while the request is in flight, however fast the provider:
/// the verdict cannot flip with the provider's speed. Should an answer still beat it, the check says so (inconclusive).
/// </summary>
public sealed class TimeoutCheck : ILiveCheck
{
    /// <summary>The client log event of a timeout (ClientLog: "Timeout on attempt ...").</summary>
    private const int TimeoutLogEvent = 3;

    public string Id => "CL5.client-timeout";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var deadline = context.Session.Settings.Timeout;
        var client = context.Client(o => (o.TotalTimeout, o.AttemptTimeout) = (deadline, deadline), time,
            inner => new DeadlineOnSendHandler(time, deadline + TimeSpan.FromMilliseconds(1), inner));

        var call = await client.CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);

        if (call.IsSuccess)
            return context.Inconclusive($"{Id}: the answer arrived before the client's deadline could fall; nothing is shown about timeouts: {LiveCheckContext.Describe(call)}", call);
        if (call.Class != FailureClass.Timeout)
            return context.Fail(call.Class.WireName(), $"{Id}: a deadline that fell in flight ended in {LiveCheckContext.Describe(call)}; expected timeout", call);
        if (call.Attempts.Count > 1)
            return context.Fail("retried", $"{Id}: the timeout was retried ({call.Attempts.Count} attempts)", call);
        if (!context.Logs.Records.Any(r => r.Id.Id == TimeoutLogEvent))
            return context.Fail("timeout-not-logged", $"{Id}: the timeout is not in the client's log", call);
        return context.Pass(call, $"the deadline fell in flight: timeout after {call.Attempts.Count} attempt, logged");
    }

    /// <summary>Starts the send, then moves the client's clock past its deadline while the request is in flight.</summary>
    private sealed class DeadlineOnSendHandler(FakeTimeProvider time, TimeSpan past, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var pending = base.SendAsync(request, cancellationToken);
            time.Advance(past);
            return pending;
        }
    }
}
