using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// CL1 per provider: every profile under contracts/providers/ carries its facts with provenance, its own error
/// semantics and failure-policy overrides; the live run selects one by COMETAPI_PROVIDER; a fallback provider is
/// approved only with live evidence of its own.
/// </summary>
[Checklist("CL1")]
public sealed class ProviderProfileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("providers-").FullName;

    public static TheoryData<string> Providers() => new(ProviderCatalog.Known(RepoPaths.Contracts));

    [Fact]
    public void The_suite_ships_the_cometapi_and_openai_profiles()
    {
        ProviderCatalog.Known(RepoPaths.Contracts).Should().Equal("cometapi", "openai");
        File.Exists(Path.Combine(RepoPaths.Contracts, "provider-profile.cometapi.json")).Should().BeFalse("the profile moved to contracts/providers/cometapi/");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_profile_loads_with_provenance_for_every_fact(string provider)
    {
        var set = ContractSet.Load(RepoPaths.Contracts, provider);

        set.Profile.Provider.Should().Be(provider);
        set.Profile.ReviewedBy.Should().NotBeNullOrWhiteSpace();
        var facts = ProviderProfileLoader.Facts(set.Profile).ToList();
        facts.Select(f => f.Name).Should().Contain(["errorSemantics.malformed request", "errorSemantics.unknown model", "errorSemantics.bad key",
            "errorSemantics.quota exhausted", "errorSemantics.rate limit", "requestIdHeaders"]);
        facts.Should().AllSatisfy(f =>
        {
            EvidenceLevels.All.Should().Contain(f.Fact.Evidence, f.Name);
            f.Fact.Source.Should().NotBeNullOrWhiteSpace(f.Name);
            DateOnly.ParseExact(f.Fact.Accessed, "yyyy-MM-dd").Should().BeOnOrBefore(DateOnly.FromDateTime(DateTime.UtcNow), f.Name);
        });
    }

    [Fact]
    public void The_openai_profile_calls_documented_only_what_the_public_API_description_declares()
    {
        var openai = TestContracts.For("openai").Profile;
        var facts = ProviderProfileLoader.Facts(openai).ToList();

        facts.Where(f => f.Fact.Evidence == EvidenceLevels.Documented).Should().AllSatisfy(f =>
            f.Fact.Source.Should().Contain("openai/openai-openapi", $"{f.Name} is documented only if the API description declares it"));
        facts.Where(f => f.Fact.Evidence != EvidenceLevels.Documented).Should().AllSatisfy(f =>
            f.Fact.Evidence.Should().Be(EvidenceLevels.Unverified, $"{f.Name}: nobody here observed OpenAI, so what is not documented is inferred"));
        openai.RequestIdHeaders.Evidence.Should().Be(EvidenceLevels.Unverified, "no response in the description declares x-request-id");
        new[] { openai.ErrorSemantics.MalformedRequest, openai.ErrorSemantics.UnknownModel, openai.ErrorSemantics.BadKey, openai.ErrorSemantics.Quota }
            .Should().AllSatisfy(f => f.Evidence.Should().Be(EvidenceLevels.Unverified, "the description declares only 429 for chat completions"));
        openai.ErrorSemantics.RateLimit.Evidence.Should().Be(EvidenceLevels.Documented);
        openai.LiveEvidence.Should().BeEmpty("nobody has run the suite against api.openai.com");
    }

    [Fact]
    public void Compatible_providers_do_not_share_error_semantics()
    {
        var comet = TestContracts.For("cometapi").Profile;
        var openai = TestContracts.For("openai").Profile;

        comet.ErrorSemantics.MalformedRequest.Value.Status.Should().Equal(500);
        openai.ErrorSemantics.MalformedRequest.Value.Status.Should().Equal(400);
        comet.ErrorSemantics.UnknownModel.Value.Status.Should().Equal(503);
        openai.ErrorSemantics.UnknownModel.Value.Status.Should().Equal(404);
        comet.RequestIdInErrorMessage.Should().NotBeNull("CometAPI puts the request id inside error.message");
        openai.RequestIdInErrorMessage.Should().BeNull("OpenAI sends it in a header only");
    }

    [Fact]
    public void A_providers_overrides_apply_to_that_provider_only()
    {
        var malformed = new ResponseSignals { Status = 500, ErrorCode = "invalid_request", Body = BodyKind.Error };

        var comet = TestContracts.For("cometapi").Policy.Classify(malformed);
        var openai = TestContracts.For("openai").Policy.Classify(malformed);

        comet.Class.Should().Be(FailureClass.InvalidRequest);
        comet.RuleName.Should().Be("CometAPI answers a malformed request with 500 invalid_request");
        TestContracts.For("cometapi").Policy.Document.Rules[0].Provider.Should().Be("cometapi", "overrides come first, marked with their provider");
        openai.Class.Should().Be(FailureClass.ServerError, "an OpenAI 500 is a server error, whatever its code says");
        TestContracts.For("openai").Policy.Document.Rules.Should().OnlyContain(r => r.Provider == null, "openai has no overrides");
    }

    [Fact]
    public void An_unknown_provider_is_a_configuration_error_listing_the_known_ones()
    {
        var act = () => ContractSet.Load(RepoPaths.Contracts, "opnai");

        act.Should().Throw<ContractFileException>().WithMessage("*no provider profile named 'opnai'*known providers: cometapi, openai*");
    }

    [Fact]
    public void COMETAPI_PROVIDER_selects_the_profile_and_an_unknown_name_is_refused_before_anything_is_sent()
    {
        LiveSettings Read(string? provider) => LiveSettings.FromEnvironment(n => n == LiveSettings.ProviderVariable ? provider : null);

        Read(null).Provider.Should().Be("cometapi");
        Read("openai").Provider.Should().Be("openai");
        Read(" OpenAI ").Provider.Should().Be("openai", "the name is trimmed and matched without regard to case");
        new[] { Read(null), Read("openai"), Read(" OpenAI ") }.Should().AllSatisfy(s => s.ProviderProblem.Should().BeNull());
        Read("azure").ProviderProblem.Should().StartWith("COMETAPI_PROVIDER='azure' names no provider profile; known providers: cometapi, openai",
            "the live session refuses to start with it, before anything is sent");
    }

    [Fact]
    public void A_profile_in_the_wrong_folder_is_refused()
    {
        var contracts = CopyOfContracts();
        Directory.Move(Path.Combine(contracts, "providers", "openai"), Path.Combine(contracts, "providers", "acme"));

        var act = () => ContractSet.Load(contracts, "acme");

        act.Should().Throw<ContractFileException>().WithMessage("*provider 'openai' does not match its folder 'acme'*");
    }

    [Fact]
    public void A_bad_override_rule_is_refused_naming_the_overrides_file()
    {
        var contracts = CopyOfContracts();
        var path = Path.Combine(contracts, "providers", "openai", ProviderCatalog.OverridesFileName);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        doc["rules"]!.AsArray().Add(JsonNode.Parse("""{ "name": "typo", "when": { "status": [500] }, "class": "teapot", "evidence": "unverified" }"""));
        File.WriteAllText(path, doc.ToJsonString());

        var act = () => ContractSet.Load(contracts, "openai");

        act.Should().Throw<ContractFileException>().WithMessage($"*{ProviderCatalog.OverridesFileName}*rule 'typo' selects unknown class 'teapot'*");
    }

    [Fact]
    public void A_fallback_provider_without_live_evidence_of_its_own_is_not_approved()
    {
        var evidence = ProviderEvidence.Of(TestContracts.For("openai").Profile);

        evidence.HasLiveEvidence.Should().BeFalse();
        evidence.ApprovedAsFallback.Should().BeFalse();
        evidence.Level.Should().Be(EvidenceLevels.Unverified, "its weakest error semantics are inferred");
        evidence.Reason.Should().Contain("no live evidence of its own").And.Contain("COMETAPI_PROVIDER=openai");
    }

    [Fact]
    public void A_reviewed_live_run_approves_the_provider_and_a_simulated_one_is_refused()
    {
        var contracts = CopyOfContracts();
        var path = Path.Combine(contracts, "providers", "openai", ProviderCatalog.ProfileFileName);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        doc["liveEvidence"] = JsonNode.Parse("""[{ "runId": "release-check-1", "date": "2026-11-30", "target": "live", "evidence": "artifacts/evidence/release-check-1/evidence.json", "reviewedBy": "ops on-call" }]""");
        File.WriteAllText(path, doc.ToJsonString());

        var evidence = ProviderEvidence.Of(ContractSet.Load(contracts, "openai").Profile);

        evidence.ApprovedAsFallback.Should().BeTrue();
        evidence.Level.Should().Be(EvidenceLevels.Runtime);
        evidence.Reason.Should().Contain("release-check-1");

        doc["liveEvidence"]![0]!["target"] = "live-simulated";
        File.WriteAllText(path, doc.ToJsonString());
        var act = () => ContractSet.Load(contracts, "openai");
        act.Should().Throw<ContractFileException>().WithMessage("*'release-check-1': target 'live-simulated' is not 'live'*");
    }

    private string CopyOfContracts()
    {
        var target = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Contracts, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepoPaths.Contracts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
