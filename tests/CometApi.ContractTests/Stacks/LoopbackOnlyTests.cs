namespace CometApi.ContractTests.Stacks;

/// <summary>The stack matrix never leaves the machine, whatever a stack follows.</summary>
public sealed class LoopbackOnlyTests
{
    [Theory]
    [InlineData("https://www.cometapi.com/")]
    [InlineData("http://10.1.2.3:8080/v1/chat/completions")]
    public async Task A_hop_off_the_machine_fails_at_once_without_touching_the_network(string url)
    {
        using var http = new HttpClient(LoopbackOnly.Handler());

        var send = () => http.GetAsync(new Uri(url));

        (await send.Should().ThrowAsync<HttpRequestException>()).WithMessage("*stays on this machine*");
    }

    [Fact]
    public async Task Loopback_is_reached()
    {
        using var world = new ArrivalLog();
        using var http = new HttpClient(LoopbackOnly.Handler());

        using var response = await http.GetAsync(new Uri(world.Server.Url + "/anything"));

        ((int)response.StatusCode).Should().Be(404, "WireMock answered: the connection was made");
    }
}
