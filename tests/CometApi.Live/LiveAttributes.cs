using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.Live;

// Which mode a test runs in is said by its attribute, decided at discovery:
//   [Fact]/[Theory]                 both modes (offline tests that need no network also run in a live run);
//   [LiveFact]/[LiveTheory]         live only; offline they are skipped with the reason shown;
//   [OfflineFact]/[OfflineTheory]   simulations only; a live run skips them and keeps its budget for the live checks.
// At run time a live check can still be "not run": LiveSession throws LiveCheckNotRunException when the budget is
// spent or the run was stopped, and only a [LiveFact]/[LiveTheory] test case reports that exception as skipped.
// Anywhere else it fails the test, so nothing skips by accident.

/// <summary>A check that only runs live (COMETAPI_LIVE=1); offline it is skipped with the reason shown.</summary>
[XunitTestCaseDiscoverer("CometApi.Live.LiveFactDiscoverer", "CometApi.Live")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveFactAttribute : FactAttribute
{
    /// <summary>The check provokes a revoked-key answer: against the real endpoint it needs <see cref="LiveSettings.RevokedKeyVariable"/>.</summary>
    public bool NeedsRevokedKey { get; set; }

    public override string? Skip
    {
        get => LiveModes.LiveOnlySkipReason(NeedsRevokedKey) ?? base.Skip;
        set => base.Skip = value;
    }
}

/// <summary>A live-only theory: offline every row is skipped with the reason shown.</summary>
[XunitTestCaseDiscoverer("CometApi.Live.LiveTheoryDiscoverer", "CometApi.Live")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveTheoryAttribute : TheoryAttribute
{
    public override string? Skip
    {
        get => LiveModes.LiveOnlySkipReason(needsRevokedKey: false) ?? base.Skip;
        set => base.Skip = value;
    }
}

/// <summary>A test of the simulations only: a live run skips it (it needs no network, but the live run reports the live target).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OfflineFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => LiveModes.OfflineOnlySkipReason(null) ?? base.Skip;
        set => base.Skip = value;
    }
}

/// <summary>A theory over the simulations only: a live run skips it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OfflineTheoryAttribute : TheoryAttribute
{
    public override string? Skip
    {
        get => LiveModes.OfflineOnlySkipReason(null) ?? base.Skip;
        set => base.Skip = value;
    }
}

/// <summary>The skip reasons of the mode attributes, in one place.</summary>
public static class LiveModes
{
    public static string? LiveOnlySkipReason(bool needsRevokedKey)
    {
        var settings = LiveSettings.Current;
        if (!settings.Enabled)
            return $"live check: set {LiveSettings.LiveFlag}=1 (or run run-live.ps1, -Simulate for the embedded simulator) to run it";
        return needsRevokedKey && !settings.Simulate && settings.RevokedKey is null
            ? $"set {LiveSettings.RevokedKeyVariable} to a revoked test key to run this check"
            : null;
    }

    /// <param name="liveCounterpart">The live check that covers the same behaviour, when there is one.</param>
    public static string? OfflineOnlySkipReason(string? liveCounterpart) =>
        !LiveSettings.Current.Enabled ? null
        : liveCounterpart is not null ? $"live run: this behaviour is checked live by {liveCounterpart}, one request each"
        : "live run: simulated only (a live run keeps its request budget for the live checks)";
}

/// <summary>
/// A live check could not run: the run's live request budget cannot cover it, or an earlier check stopped the run.
/// A [LiveFact]/[LiveTheory] test reports it as skipped ("not run") with this message; any other test fails on it.
/// </summary>
public sealed class LiveCheckNotRunException(string reason) : Exception(reason);

/// <summary>[LiveFact]: xunit's fact, with <see cref="LiveCheckNotRunException"/> reported as a skip.</summary>
public sealed class LiveFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new SkippableFactDiscoverer(diagnostics).Discover(discoveryOptions, testMethod, new NotRunSkips(factAttribute));
}

/// <summary>[LiveTheory]: xunit's theory, with <see cref="LiveCheckNotRunException"/> reported as a skip.</summary>
public sealed class LiveTheoryDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new SkippableTheoryDiscoverer(diagnostics).Discover(discoveryOptions, testMethod, new NotRunSkips(factAttribute));
}

/// <summary>
/// Hands Xunit.SkippableFact's discoverers the attribute as if written <c>[SkippableFact(typeof(LiveCheckNotRunException))]</c>:
/// they read the exception types from the attribute's first constructor argument.
/// </summary>
internal sealed class NotRunSkips(IAttributeInfo attribute) : IAttributeInfo
{
    public IEnumerable<object> GetConstructorArguments() => [new object[] { typeof(LiveCheckNotRunException) }];

    public IEnumerable<IAttributeInfo> GetCustomAttributes(string assemblyQualifiedAttributeTypeName) =>
        attribute.GetCustomAttributes(assemblyQualifiedAttributeTypeName);

    public TValue GetNamedArgument<TValue>(string argumentName) => attribute.GetNamedArgument<TValue>(argumentName);
}
