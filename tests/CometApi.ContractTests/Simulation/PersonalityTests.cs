using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;

namespace CometApi.ContractTests.Simulation;

/// <summary>
/// Each provider profile has a live-simulator personality, and the personality answers every mistake exactly as its
/// profile's error semantics say (status, error.type, error.code, where the request id is), so a simulated live run
/// against a provider judges the suite against that provider's semantics, not CometAPI's. Through the client, each
/// answer ends in the class the provider's policy gives it.
/// </summary>
public sealed class PersonalityTests(Personalities personalities) : IClassFixture<Personalities>
{
    private const string BadKey = "sim-live-malformed-key";

    /// <summary>(provider, mistake) for every mistake whose status the profile knows: an unknown one has nothing to simulate.</summary>
    public static TheoryData<string, string> Mistakes()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderCatalog.Known(RepoPaths.Contracts))
        {
            foreach (var (name, fact) in TestContracts.For(provider).Profile.ErrorSemantics.Rows().Where(r => r.Fact.Value.Status.Length > 0))
                data.Add(provider, name);
        }

        return data;
    }

    /// <summary>The mistakes a client call can make: it refuses to send a request without messages (checked raw above).</summary>
    public static TheoryData<string, string> ClientMistakes()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Mistakes().Where(r => (string)r[1] != "malformed request")) data.Add((string)row[0], (string)row[1]);
        return data;
    }

    [Fact]
    public void Every_provider_profile_has_a_personality_and_every_personality_a_profile()
    {
        LiveSimulator.Personalities.Should().Equal(ProviderCatalog.Known(RepoPaths.Contracts));
    }

    [Fact]
    public void An_unknown_personality_is_refused_naming_those_there_are()
    {
        var act = () => LiveSimulator.For("acme");

        act.Should().Throw<InvalidOperationException>().WithMessage("*no personality 'acme'*cometapi, openai*");
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_personality_answers_each_mistake_as_its_profile_says(string provider, string mistake)
    {
        var profile = TestContracts.For(provider).Profile;
        var expected = profile.ErrorSemantics.Rows().Single(r => r.Name == mistake).Fact.Value;
        var (key, body) = Trigger(mistake);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, personalities[provider].BaseUrl + "/" + profile.ChatCompletionsPath.Value)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(profile.AuthScheme.Value, key);

        using var response = await http.SendAsync(request);

        expected.Status.Should().Contain((int)response.StatusCode, $"{provider} answers a {mistake} with {expected}");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        if (expected.Type is { } type) error["type"]!.GetValue<string>().Should().Be(type);
        if (expected.Code is { } code) error["code"]!.GetValue<string>().Should().Be(code);
        var headerIds = profile.RequestIdHeaders.Value.Where(h => response.Headers.Contains(h)).ToList();
        headerIds.Should().NotBeEmpty($"{provider}'s request id is in a header the profile names");
        var message = error["message"]!.GetValue<string>();
        if (profile.RequestIdInErrorMessage is null) message.Should().NotContain("request id", $"{provider} keeps its request id out of the message");
        else message.Should().MatchRegex(profile.RequestIdInErrorMessage.Value);
    }

    [Theory]
    [MemberData(nameof(ClientMistakes))]
    public async Task Through_the_client_each_answer_ends_in_the_class_the_providers_policy_gives_it(string provider, string mistake)
    {
        var contracts = TestContracts.For(provider);
        var (key, body) = Trigger(mistake);
        using var client = new CometApiChatClient(new CometApiOptions
        {
            ApiKey = key,
            ApiKeySource = "test",
            ProviderName = provider,
            BaseUrl = personalities[provider].BaseUrl,
            Model = JsonNode.Parse(body)!["model"]!.GetValue<string>(),
            Retry = new RetrySettings { MaxRetries = 0 },
        }, contracts);

        var result = await client.CompleteAsync(LeakMarkers.PongRequest());

        result.Class.Should().Be(mistake switch
        {
            "unknown model" => FailureClass.Configuration,
            "bad key" => FailureClass.Authentication,
            "quota exhausted" => FailureClass.QuotaExhausted,
            "rate limit" => FailureClass.RateLimited,
            _ => throw new InvalidOperationException(mistake),
        }, $"{provider}: {mistake}");
        result.RequestId.Should().NotBeNullOrEmpty("the profile says where the request id is");
        result.Attempts.Should().ContainSingle().Which.Provider.Should().Be(provider);
    }

    [Fact]
    public async Task The_openai_personality_tells_a_terminal_quota_from_a_transient_rate_limit_only_by_code_and_Retry_After()
    {
        using var http = new HttpClient();

        using var quota = await Chat(http, LiveSimulator.QuotaExhaustedModel);
        using var limited = await Chat(http, LiveSimulator.RateLimitedModel);

        ((int)quota.StatusCode, (int)limited.StatusCode).Should().Be((429, 429), "the same status for both");
        quota.Headers.RetryAfter.Should().BeNull("waiting cannot help a quota");
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        limited.Headers.GetValues("x-ratelimit-remaining-requests").Should().Equal("0");
    }

    private Task<HttpResponseMessage> Chat(HttpClient http, string model)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, personalities["openai"].BaseUrl + "/chat/completions")
        {
            Content = new StringContent(Body(model), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LiveSimulator.ValidKey);
        return http.SendAsync(request);
    }

    private static (string Key, string Body) Trigger(string mistake) => mistake switch
    {
        "malformed request" => (LiveSimulator.ValidKey, """{"model":"gpt-5.4-mini","temperature":0}"""),
        "unknown model" => (LiveSimulator.ValidKey, Body(LiveSimulator.UnknownModel)),
        "bad key" => (BadKey, Body(LiveSimulator.Model)),
        "quota exhausted" => (LiveSimulator.ValidKey, Body(LiveSimulator.QuotaExhaustedModel)),
        "rate limit" => (LiveSimulator.ValidKey, Body(LiveSimulator.RateLimitedModel)),
        _ => throw new ArgumentOutOfRangeException(nameof(mistake), mistake, "no trigger for this mistake"),
    };

    private static string Body(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"ping"}],"max_tokens":16}""";
}

/// <summary>One running live simulator per personality, shared by a test class.</summary>
public sealed class Personalities : IDisposable
{
    private readonly Dictionary<string, LiveSimulator> _running =
        LiveSimulator.Personalities.ToDictionary(p => p, LiveSimulator.For, StringComparer.Ordinal);

    public LiveSimulator this[string provider] => _running[provider];

    public void Dispose()
    {
        foreach (var simulator in _running.Values) simulator.Dispose();
    }
}
