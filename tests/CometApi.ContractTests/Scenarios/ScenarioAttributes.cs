using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>Scenarios the live provider can be made to produce, and the live check that does so within the budget.</summary>
public static class LiveCounterparts
{
    private static readonly Dictionary<string, string> Checks = new(StringComparer.Ordinal)
    {
        ["success-pong"] = "PONG.exact-output and CL4.response.stream",
        ["auth-missing-key-401"] = "CL3.missing-key",
        ["auth-malformed-key-401"] = "CL3.malformed-key",
        ["auth-revoked-key-401"] = "CL3.revoked-key",
        ["unknown-path-404"] = "CL2.unknown-path",
        ["model-not-found-503"] = "CL2.unknown-model",
        ["server-500-invalid-request"] = "CL4.request.malformed-refused",
        ["stream-usage"] = "CL7.usage-reported",
        ["slow-headers"] = "CL5.client-timeout",
    };

    /// <summary>Why a simulated run of <paramref name="scenario"/> is skipped in a live run; null offline.</summary>
    public static string? SkipReason(string scenario) =>
        !LiveSettings.Current.Enabled ? null
        : Checks.TryGetValue(scenario, out var check) ? LiveModes.OfflineOnlySkipReason(check)
        : $"live run: '{scenario}' needs a failure the live provider cannot be made to produce on demand (simulated only)";
}

/// <summary>
/// An offline fact that runs one catalog scenario: a live run skips it, naming the live check that covers the
/// scenario when there is one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioFactAttribute(string scenario) : FactAttribute
{
    public string Scenario { get; } = scenario;

    public override string? Skip
    {
        get => LiveCounterparts.SkipReason(Scenario) ?? base.Skip;
        set => base.Skip = value;
    }
}

/// <summary>
/// An offline theory whose first argument is a catalog scenario name: a live run skips each row at discovery,
/// naming the scenario's live counterpart when there is one.
/// </summary>
[XunitTestCaseDiscoverer("CometApi.ContractTests.Infrastructure.ScenarioTheoryDiscoverer", "CometApi.ContractTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioTheoryAttribute : TheoryAttribute;

public sealed class ScenarioTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(dataRow);
        return dataRow is [string scenario, ..] && LiveCounterparts.SkipReason(scenario) is { } reason
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }

    // Rows that cannot be enumerated at discovery run as one test case: in a live run, skip it whole.
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        LiveModes.OfflineOnlySkipReason(null) is { } reason
            ? CreateTestCasesForSkip(discoveryOptions, testMethod, theoryAttribute, reason)
            : base.CreateTestCasesForTheory(discoveryOptions, testMethod, theoryAttribute);
}
