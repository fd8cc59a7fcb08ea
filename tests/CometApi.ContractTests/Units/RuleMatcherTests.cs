using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Units;

/// <summary><see cref="RuleMatcher"/>: every condition a rule sets must match; a condition left out matches anything.</summary>
public sealed class RuleMatcherTests
{
    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(500, false)]
    [InlineData(null, false)]
    public void A_status_list_matches_only_its_statuses(int? status, bool matches)
    {
        RuleMatcher.Matches(new RuleCondition(Status: [429, 503]), new ResponseSignals { Status = status }).Should().Be(matches);
    }

    [Theory]
    [InlineData(499, false)]
    [InlineData(500, true)]
    [InlineData(599, true)]
    [InlineData(600, false)]
    [InlineData(null, false)]
    public void A_status_range_includes_both_ends_and_never_matches_no_status(int? status, bool matches)
    {
        RuleMatcher.Matches(new RuleCondition(StatusFrom: 500, StatusTo: 599), new ResponseSignals { Status = status }).Should().Be(matches);
    }

    [Theory]
    [InlineData("insufficient_quota", true)]
    [InlineData("INSUFFICIENT_QUOTA", true)]
    [InlineData("rate_limit_exceeded", false)]
    [InlineData(null, false)]
    public void Error_codes_match_ignoring_case_and_a_missing_code_never_matches(string? code, bool matches)
    {
        RuleMatcher.Matches(new RuleCondition(ErrorCode: ["insufficient_quota"]), new ResponseSignals { Status = 429, ErrorCode = code }).Should().Be(matches);
    }

    [Fact]
    public void Body_transport_and_stream_conditions_use_the_policy_vocabulary()
    {
        var stream = new ResponseSignals { Status = 200, Body = BodyKind.Stream, Stream = StreamCondition.Truncated, Transport = TransportCondition.Timeout };

        RuleMatcher.Matches(new RuleCondition(Body: ["stream"]), stream).Should().BeTrue();
        RuleMatcher.Matches(new RuleCondition(Body: ["chat"]), stream).Should().BeFalse("the stored body kind is what is matched");
        RuleMatcher.Matches(new RuleCondition(Stream: ["truncated", "error_frame"]), stream).Should().BeTrue();
        RuleMatcher.Matches(new RuleCondition(Transport: ["timeout"]), stream).Should().BeTrue();
        RuleMatcher.Matches(new RuleCondition(Transport: ["caller_cancelled"]), stream).Should().BeFalse();
    }

    [Fact]
    public void Every_condition_of_a_rule_must_match()
    {
        var condition = new RuleCondition(StatusFrom: 200, StatusTo: 299, Body: ["error"]);

        RuleMatcher.Matches(condition, new ResponseSignals { Status = 200, Body = BodyKind.Error }).Should().BeTrue();
        RuleMatcher.Matches(condition, new ResponseSignals { Status = 500, Body = BodyKind.Error }).Should().BeFalse();
        RuleMatcher.Matches(condition, new ResponseSignals { Status = 200, Body = BodyKind.Chat }).Should().BeFalse();
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    public void Refusal_and_empty_content_conditions_compare_the_flag(bool wanted, bool actual, bool matches)
    {
        RuleMatcher.Matches(new RuleCondition(Refusal: wanted), new ResponseSignals { Refusal = actual }).Should().Be(matches);
        RuleMatcher.Matches(new RuleCondition(EmptyContent: wanted), new ResponseSignals { EmptyContent = actual }).Should().Be(matches);
    }

    [Fact]
    public void A_finish_reason_condition_needs_that_finish_reason()
    {
        var condition = new RuleCondition(FinishReason: ["content_filter"]);

        RuleMatcher.Matches(condition, new ResponseSignals { FinishReason = "content_filter" }).Should().BeTrue();
        RuleMatcher.Matches(condition, new ResponseSignals { FinishReason = "stop" }).Should().BeFalse();
        RuleMatcher.Matches(condition, new ResponseSignals()).Should().BeFalse();
    }

    [Fact]
    public void Validation_names_an_empty_condition_unknown_words_and_an_upside_down_range()
    {
        RuleMatcher.Validate(new RuleCondition()).Should().ContainSingle().Which.Should().Contain("has no condition");
        RuleMatcher.Validate(new RuleCondition(Body: ["json"], Transport: ["dns"], Stream: ["partial"]))
            .Should().HaveCount(3).And.Contain(p => p.StartsWith("body 'json' is not one of:"))
            .And.Contain(p => p.StartsWith("transport 'dns'")).And.Contain(p => p.StartsWith("stream 'partial'"));
        RuleMatcher.Validate(new RuleCondition(StatusFrom: 500, StatusTo: 400)).Should().Equal("statusFrom 500 is above statusTo 400");
        RuleMatcher.Validate(new RuleCondition(Status: [429], Body: ["html"])).Should().BeEmpty();
    }
}
