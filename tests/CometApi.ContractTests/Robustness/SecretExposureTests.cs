using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Configuration;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// The key never leaves the client in anything it produces, even when a hostile or careless provider echoes it back
/// in every field it can: error message, code, type and param, request-id and rate-limit headers, a redirect URL, an
/// HTML page, an SSE error frame. Checked on results, metadata, attempts, exceptions, the ledger (and its CSV) and
/// the logs; a response body kept on a result is capped and redacted wherever the key falls in it.
/// </summary>
[Checklist("CL3")]
public sealed class SecretExposureTests
{
    public static TheoryData<string> Echoes => [.. KeyEcho.Answers.Keys];

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task An_echoed_key_reaches_no_result_exception_ledger_or_log(string echo)
    {
        using var world = new SimulatedCometApi();
        KeyEcho.Answers[echo](world.Primary, world.ApiKey);
        var client = world.CreateClient();

        var results = new[]
        {
            await client.CallAsync(streaming: false),
            await client.CallAsync(streaming: true),
        };

        results.Should().OnlyContain(r => !r.IsSuccess);
        results.SelectMany(SecretSurfaces.Of).Concat(SecretSurfaces.Of(world.Ledger.Rows)).ShouldNotContain(world.ApiKey);
        world.ShouldNotHaveLoggedSecrets();
    }

    [Fact]
    public async Task The_body_excerpt_is_capped_and_redacted_wherever_the_key_falls_in_a_large_body()
    {
        using var world = new SimulatedCometApi();
        var client = world.CreateClient();
        // Padding of 1- to 4-byte characters puts the key across the excerpt's byte window (the first 2,048 bytes
        // are decoded) and across its character cap (512 characters are kept), as well as inside both.
        foreach (var (padding, repeat) in new[] { ("x", 100), ("x", 505), ("x", 2030), ("é", 1020), ("€", 170), ("€", 682), ("😀", 255), ("😀", 511) })
        {
            var body = "{\"error\":{\"message\":\"" + string.Concat(Enumerable.Repeat(padding, repeat)) + world.ApiKey + new string('y', 100_000) + "\"}}";
            world.Primary.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody(body));

            var result = await client.CompleteAsync(LeakMarkers.PongRequest());

            result.Metadata.BodyExcerpt!.Length.Should().BeLessThanOrEqualTo(513, "the excerpt is capped (512 characters and an ellipsis)");
            foreach (var piece in Enumerable.Range(0, world.ApiKey.Length - 7).Select(i => world.ApiKey.Substring(i, 8)))
                result.Metadata.BodyExcerpt.Should().NotContain(piece, $"no 8 characters of the key survive ({padding} x{repeat})");
        }
    }

    [Theory]
    [InlineData(CometApiConfiguration.MaxRetries)]
    [InlineData(CometApiConfiguration.TimeoutSeconds)]
    [InlineData(CometApiConfiguration.AttemptTimeoutSeconds)]
    public void A_key_pasted_into_a_numeric_setting_is_named_as_the_wrong_setting_not_printed(string variable)
    {
        const string key = "sk-misplaced-0123456789abcdef";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CometApiConfiguration.ApiKey] = "sk-test-12345678", [CometApiConfiguration.Model] = "m", [variable] = key,
        }).Build();

        var thrown = Record.Exception(() => CometApiConfiguration.Bind(configuration));

        thrown.Should().BeOfType<CometApiConfigurationException>();
        thrown!.ToString().Should().NotContain(key).And.Contain(variable);
    }

    [Theory]
    [InlineData(CometApiConfiguration.ChatEndpoint, "http://api.cometapi.com/v1/chat/completions")]
    [InlineData(CometApiConfiguration.ChatEndpoint, "http://localhost.example.test/v1/chat/completions")]
    [InlineData(CometApiConfiguration.FallbackEndpoint, "http://fallback.example.test/v1/chat/completions")]
    public void Plain_http_off_loopback_is_refused_for_every_endpoint_setting(string variable, string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CometApiConfiguration.ApiKey] = "sk-test-12345678", [CometApiConfiguration.Model] = "m",
            [CometApiConfiguration.FallbackApiKey] = "sk-test-87654321", [variable] = url,
        }).Build();

        var act = () => new Reliability.Client.CometApiChatClient(CometApiConfiguration.Bind(configuration), TestContracts.Set);

        act.Should().Throw<CometApiConfigurationException>().Which.Message.Should().Contain(variable).And.Contain("plain HTTP");
    }
}
