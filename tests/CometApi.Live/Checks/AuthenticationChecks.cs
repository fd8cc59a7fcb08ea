using CometApi.Live.Support;
using CometApi.Reliability;

namespace CometApi.Live.Checks;

/// <summary>CL3.missing-key: a request without a key fails closed (authentication, no fallback).</summary>
public sealed class MissingKeyCheck : ILiveCheck
{
    public string Id => "CL3.missing-key";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var call = await context.Client().SendUncheckedAsync(context.Session.PongRequest(), sendKey: false, cancellationToken).ConfigureAwait(false);
        return context.Expect(call, FailureClass.Authentication, "a request without a key fails closed as authentication");
    }
}

/// <summary>CL3.malformed-key: a malformed key fails closed, and that key is in no log.</summary>
public sealed class MalformedKeyCheck : ILiveCheck
{
    public string Id => "CL3.malformed-key";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var key = SecretRegistry.Register("not-a-valid-key-0000");
        var call = await context.Client(o => o.ApiKey = key).CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        if (context.Logs.AllText.Contains(key, StringComparison.Ordinal))
            return context.Fail("secret-in-log", $"{Id}: the malformed key appears in the client's log", call);
        return context.Expect(call, FailureClass.Authentication, "a malformed key fails closed as authentication");
    }
}

/// <summary>CL3.revoked-key: a revoked key (COMETAPI_REVOKED_KEY) fails closed.</summary>
public sealed class RevokedKeyCheck : ILiveCheck
{
    public string Id => "CL3.revoked-key";

    public async Task<LiveCheckResult> RunAsync(LiveCheckContext context, CancellationToken cancellationToken)
    {
        var key = context.Session.RevokedKey ?? throw new InvalidOperationException("the runner runs CL3.revoked-key only with a revoked key");
        var call = await context.Client(o => o.ApiKey = key).CompleteAsync(context.Session.PongRequest(), cancellationToken).ConfigureAwait(false);
        return context.Expect(call, FailureClass.Authentication, "a revoked key fails closed as authentication");
    }
}
