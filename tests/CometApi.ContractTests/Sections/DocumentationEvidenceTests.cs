using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Sections;

/// <summary>CL1: the documentation evidence is frozen in contracts/ with source, access date and evidence level.</summary>
[Checklist("CL1")]
public sealed class DocumentationEvidenceTests
{
    [Fact]
    public void Every_profile_fact_names_its_source_access_date_and_evidence_level()
    {
        var facts = ProviderProfileLoader.Facts(TestContracts.Profile).ToList();

        facts.Should().HaveCountGreaterThan(10);
        facts.Should().AllSatisfy(f =>
        {
            EvidenceLevels.All.Should().Contain(f.Fact.Evidence, f.Name);
            f.Fact.Source.Should().NotBeNullOrWhiteSpace(f.Name);
            DateOnly.ParseExact(f.Fact.Accessed, "yyyy-MM-dd").Should().BeOnOrBefore(DateOnly.FromDateTime(DateTime.UtcNow), f.Name);
        });
    }

    [Fact]
    public void The_profile_names_the_reviewer_and_where_the_facts_were_collected()
    {
        TestContracts.Profile.ReviewedBy.Should().NotBeNullOrWhiteSpace();
        TestContracts.Profile.CollectedFrom.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Facts_that_nobody_documented_are_marked_as_such_not_passed_off_as_documented()
    {
        // The X-Oneapi-Request-Id header is only inferred from the gateway code CometAPI appears to run.
        TestContracts.Profile.RequestIdHeaders.Evidence.Should().Be(EvidenceLevels.Unverified);
        TestContracts.Profile.Observations.Should().Contain(o => o.Evidence == EvidenceLevels.Observed && o.Value.Contains("model_not_found"));
    }

    [Fact]
    public void Every_policy_rule_carries_an_evidence_level_and_documented_rules_a_source()
    {
        TestContracts.Policy.Document.Rules.Should().AllSatisfy(r =>
        {
            EvidenceLevels.All.Should().Contain(r.Evidence, r.Name);
            if (r.Evidence is EvidenceLevels.Documented or EvidenceLevels.Observed)
                r.Source.Should().NotBeNullOrWhiteSpace(r.Name);
        });
    }
}
