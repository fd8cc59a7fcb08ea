using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Sections;

/// <summary>CL6: the decision table as data: loaded, validated, and a malformed file is a clear startup error.</summary>
[Checklist("CL6")]
public sealed class PolicyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policy-").FullName;

    [Theory]
    [InlineData(FailureClass.InvalidRequest, false, false)]
    [InlineData(FailureClass.Authentication, false, false)]
    [InlineData(FailureClass.PermissionDenied, false, false)]
    [InlineData(FailureClass.Configuration, false, false)]
    [InlineData(FailureClass.RateLimited, true, true)]
    [InlineData(FailureClass.QuotaExhausted, false, true)]
    [InlineData(FailureClass.ServerError, true, true)]
    [InlineData(FailureClass.Timeout, true, true)]
    [InlineData(FailureClass.TransportFailure, true, true)]
    [InlineData(FailureClass.UnknownShape, false, false)]
    [InlineData(FailureClass.Cancelled, false, false)]
    [InlineData(FailureClass.StreamTruncated, false, false)]
    public void The_policy_file_encodes_the_checklist_decision_table(FailureClass cls, bool retry, bool fallback)
    {
        var policy = TestContracts.Policy.For(cls);

        policy.Retry.Should().Be(retry);
        policy.Fallback.Should().Be(fallback);
        policy.OperatorAction.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(500, "invalid_request", null, FailureClass.InvalidRequest)]
    [InlineData(503, "model_not_found", null, FailureClass.Configuration)]
    [InlineData(429, "insufficient_quota", null, FailureClass.QuotaExhausted)]
    [InlineData(429, "rate_limit_exceeded", null, FailureClass.RateLimited)]
    [InlineData(301, null, BodyKind.Html, FailureClass.Configuration)]
    [InlineData(200, null, BodyKind.Html, FailureClass.Configuration)]
    [InlineData(502, null, BodyKind.Html, FailureClass.ServerError)]
    [InlineData(200, "", BodyKind.Error, FailureClass.ServerError)]
    [InlineData(413, null, BodyKind.Error, FailureClass.InvalidRequest)]
    [InlineData(524, null, BodyKind.Error, FailureClass.ServerError)]
    [InlineData(200, null, BodyKind.Malformed, FailureClass.UnknownShape)]
    public void CometAPIs_own_rules_select_the_right_class(int status, string? code, BodyKind? body, FailureClass expected)
    {
        var signals = new ResponseSignals { Status = status, ErrorCode = code, Body = body ?? BodyKind.Error };

        TestContracts.Policy.Classify(signals).Class.Should().Be(expected);
    }

    [Fact]
    public void A_missing_policy_file_names_the_file()
    {
        var path = Path.Combine(_dir, "absent.json");

        var act = () => FailurePolicy.Load(path);

        act.Should().Throw<ContractFileException>().Which.Message.Should().Contain(path).And.Contain("does not exist");
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var path = Write("{ \"classes\": [ ");

        var act = () => FailurePolicy.Load(path);

        act.Should().Throw<ContractFileException>().Which.Message.Should().Contain(path).And.Contain("line");
    }

    [Fact]
    public void A_rule_that_selects_an_unknown_class_is_refused()
    {
        var doc = PolicyJson();
        doc["rules"]!.AsArray()[0]!["class"] = "teapot";

        var act = () => FailurePolicy.Load(Write(doc.ToJsonString()));

        act.Should().Throw<ContractFileException>().WithMessage("*selects unknown class 'teapot'*");
    }

    [Fact]
    public void A_class_without_an_entry_is_refused()
    {
        var doc = PolicyJson();
        var classes = doc["classes"]!.AsArray();
        classes.Remove(classes.First(c => (string?)c!["class"] == "quota_exhausted"));

        var act = () => FailurePolicy.Load(Write(doc.ToJsonString()));

        act.Should().Throw<ContractFileException>().WithMessage("*'quota_exhausted' has no entry*");
    }

    [Fact]
    public void A_misspelt_signal_is_refused_rather_than_silently_never_matching()
    {
        var doc = PolicyJson();
        doc["rules"]!.AsArray().Add(JsonNode.Parse("""{ "name": "typo", "when": { "body": ["htlm"] }, "class": "configuration", "evidence": "unverified" }"""));

        var act = () => FailurePolicy.Load(Write(doc.ToJsonString()));

        act.Should().Throw<ContractFileException>().WithMessage("*body 'htlm' is not one of*");
    }

    [Fact]
    public void A_missing_required_field_is_refused()
    {
        var doc = PolicyJson();
        doc.AsObject().Remove("defaultClass");

        var act = () => FailurePolicy.Load(Write(doc.ToJsonString()));

        act.Should().Throw<ContractFileException>().WithMessage("*defaultClass*");
    }

    private static JsonNode PolicyJson() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Contracts, ContractSet.PolicyFileName)))!;

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
