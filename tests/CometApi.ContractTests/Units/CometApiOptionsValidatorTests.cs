using CometApi.Reliability.Configuration;

namespace CometApi.ContractTests.Units;

/// <summary><see cref="CometApiOptionsValidator"/>: each startup rule, its message, and never the key in a message.</summary>
public sealed class CometApiOptionsValidatorTests
{
    private const string Key = "sk-unit-validator-key-0001";

    private static CometApiOptions Valid() => new()
    {
        ApiKey = Key,
        Model = "gpt-5.4-mini",
        ChatEndpoint = "https://api.cometapi.com/v1/chat/completions",
    };

    private static List<string> Failures(Action<CometApiOptions> change)
    {
        var options = Valid();
        change(options);
        var result = new CometApiOptionsValidator().Validate(null, options);
        var failures = result.Failures?.ToList() ?? [];
        failures.Should().NotContain(f => f.Contains(Key, StringComparison.Ordinal), "a message never echoes the key");
        return failures;
    }

    [Fact]
    public void Valid_options_pass()
    {
        new CometApiOptionsValidator().Validate(null, Valid()).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/chat/completions")]
    [InlineData("http://localhost/v1/chat/completions")]
    [InlineData("https://example.test/v1/chat/completions")]
    public void Https_anywhere_and_plain_http_on_loopback_are_accepted(string endpoint)
    {
        Failures(o => o.ChatEndpoint = endpoint).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_key_names_the_variables_to_set(string? key)
    {
        Failures(o => o.ApiKey = key).Should().ContainSingle().Which.Should().Contain(CometApiConfiguration.ApiKey).And.Contain(CometApiConfiguration.ApiKeyAlias);
    }

    [Fact]
    public void A_missing_model_is_named()
    {
        Failures(o => o.Model = " ").Should().ContainSingle().Which.Should().Contain(CometApiConfiguration.Model);
    }

    [Theory]
    [InlineData("api.cometapi.com/v1/chat/completions", "is not an absolute http(s) URL")]
    [InlineData("ftp://api.cometapi.com/v1", "is not an absolute http(s) URL")]
    [InlineData("http://api.cometapi.com/v1/chat/completions", "plain HTTP on a non-loopback host (api.cometapi.com)")]
    [InlineData("https://api.cometapi.com/v1/chat/completions?key=" + Key, "must not carry a query string")]
    [InlineData("https://user:" + Key + "@api.cometapi.com/v1", "must not carry a query string or user info")]
    public void An_unsafe_or_broken_endpoint_is_refused_without_echoing_it(string endpoint, string expected)
    {
        Failures(o => o.ChatEndpoint = endpoint).Should().ContainSingle().Which.Should().Contain(expected).And.StartWith(CometApiConfiguration.ChatEndpoint);
        Failures(o => o.BaseUrl = endpoint).Should().ContainSingle().Which.Should().Contain(expected).And.StartWith(CometApiConfiguration.BaseUrl);
    }

    [Fact]
    public void Timeouts_must_be_positive_and_the_attempt_no_longer_than_the_call()
    {
        Failures(o => o.TotalTimeout = TimeSpan.Zero).Should().Contain("TotalTimeout must be positive.");
        Failures(o => o.AttemptTimeout = TimeSpan.Zero).Should().Equal("AttemptTimeout must be positive and no longer than TotalTimeout.");
        Failures(o => (o.TotalTimeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6))).Should().ContainSingle();
        Failures(o => (o.TotalTimeout, o.AttemptTimeout) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5))).Should().BeEmpty();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Retries_are_bounded_because_each_one_costs(int maxRetries, bool valid)
    {
        Failures(o => o.Retry.MaxRetries = maxRetries).Should().HaveCount(valid ? 0 : 1);
    }

    [Fact]
    public void The_backoff_bounds_must_be_ordered_and_not_negative()
    {
        Failures(o => o.Retry.BackoffMin = TimeSpan.FromMilliseconds(-1)).Should().Equal("Retry backoff must satisfy 0 <= BackoffMin <= BackoffMax.");
        Failures(o => (o.Retry.BackoffMin, o.Retry.BackoffMax) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))).Should().ContainSingle();
        Failures(o => (o.Retry.BackoffMin, o.Retry.BackoffMax) = (TimeSpan.Zero, TimeSpan.Zero)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    public void The_response_cap_has_a_floor(int maxResponseBytes, bool valid)
    {
        Failures(o => o.MaxResponseBytes = maxResponseBytes).Should().HaveCount(valid ? 0 : 1);
    }

    [Fact]
    public void A_fallback_needs_an_endpoint_and_its_own_key()
    {
        Failures(o => o.Fallback = new FallbackProviderOptions { ApiKey = "sk-fallback" })
            .Should().Equal($"{CometApiConfiguration.FallbackEndpoint} is required.");
        Failures(o => o.Fallback = new FallbackProviderOptions { ChatEndpoint = "https://fallback.example/v1/chat/completions" })
            .Should().Equal($"The fallback provider has no API key: set {CometApiConfiguration.FallbackApiKey}.");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Failures(o => (o.ApiKey, o.Model, o.MaxResponseBytes, o.Retry.MaxRetries) = (null, null, 0, 9)).Should().HaveCount(4);
    }
}
