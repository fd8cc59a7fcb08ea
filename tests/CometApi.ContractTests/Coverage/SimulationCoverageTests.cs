using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;

namespace CometApi.ContractTests.Coverage;

/// <summary>Every failure class of the policy file has a simulation in every mode where the class can occur.</summary>
public sealed class SimulationCoverageTests
{
    // Classes a simulator cannot produce on its own, each with the test that covers it instead.
    private static readonly Dictionary<FailureClass, string> NotSimulated = new()
    {
        [FailureClass.Cancelled] = "the caller cancels: TimeoutRetryCancellationTests.Caller_cancellation_stops_at_once_and_is_never_retried (both modes)",
    };

    // Classes that exist in one mode only.
    private static readonly Dictionary<FailureClass, bool> OnlyInMode = new()
    {
        [FailureClass.StreamTruncated] = true,
    };

    public static TheoryData<string, bool> ClassModes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var entry in TestContracts.Policy.Document.Classes)
        {
            FailureClassNames.TryParse(entry.Class, out var cls).Should().BeTrue();
            if (NotSimulated.ContainsKey(cls)) continue;
            foreach (var streaming in new[] { false, true })
            {
                if (!OnlyInMode.TryGetValue(cls, out var only) || only == streaming) data.Add(entry.Class, streaming);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ClassModes))]
    public void Every_policy_class_has_a_simulation_in_each_mode_it_can_occur_in(string cls, bool streaming)
    {
        var scenarios = FixtureCatalog.Default.Cases()
            .Where(c => c.Streaming == streaming && c.Scenario.ExpectFor(streaming).Class == cls)
            .Select(c => c.Scenario.Name).ToList();

        scenarios.Should().NotBeEmpty($"class '{cls}' needs a {(streaming ? "streaming" : "non-streaming")} fixture in fixtures/scenarios.json");
    }

    [Fact]
    public void The_exemptions_name_real_tests()
    {
        typeof(Sections.TimeoutRetryCancellationTests).GetMethod("Caller_cancellation_stops_at_once_and_is_never_retried").Should().NotBeNull();
    }

    [Fact]
    public void Every_catalog_expectation_names_a_class_of_the_policy()
    {
        FixtureCatalog.Default.Cases().Should().AllSatisfy(c =>
            FailureClassNames.TryParse(c.Scenario.ExpectFor(c.Streaming).Class, out _).Should().BeTrue(c.Scenario.Name));
    }

    [Fact]
    public void Every_scenario_runs_in_at_least_one_section()
    {
        var runBySections = new[] { "CL2", "CL3", "CL4", "CL5", "CL6", "PONG" };

        FixtureCatalog.Default.Scenarios.Should().AllSatisfy(s => s.Checklist.Intersect(runBySections).Should().NotBeEmpty(s.Name));
    }
}
