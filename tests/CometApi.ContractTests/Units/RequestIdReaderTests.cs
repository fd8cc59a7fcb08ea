using System.Net;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability.Classification;

namespace CometApi.ContractTests.Units;

/// <summary><see cref="RequestIdReader"/>: the headers the provider profile names, in its order, then the error message.</summary>
public sealed class RequestIdReaderTests
{
    private readonly RequestIdReader _reader = new(TestContracts.Profile);

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Theory]
    [InlineData("x-request-id")]
    [InlineData("X-Request-ID")]
    [InlineData("X-Oneapi-Request-Id")]
    [InlineData("x-oneapi-request-id")]
    public void A_request_id_header_is_read_whatever_its_case(string header)
    {
        using var response = Response((header, "req_123"));

        _reader.Read(response.Headers, null).Should().Be("req_123");
    }

    [Fact]
    public void The_profiles_first_header_wins_and_the_header_wins_over_the_message()
    {
        using var response = Response(("X-Oneapi-Request-Id", "from-oneapi"), ("x-request-id", "from-openai"));

        _reader.Read(response.Headers, "boom (request id: from-message)").Should().Be("from-openai");
    }

    [Fact]
    public void An_empty_header_is_skipped()
    {
        using var response = Response(("x-request-id", ""), ("X-Oneapi-Request-Id", "second"));

        _reader.Read(response.Headers, null).Should().Be("second");
    }

    [Theory]
    [InlineData("当前分组上游负载已饱和，请稍后再试 (request id: 20250624abcDEF123)", "20250624abcDEF123")]
    [InlineData("(request id: B5a9-x)", "B5a9-x")]
    [InlineData("quota exceeded (request id: abc) (request id: def)", "abc")]
    public void Without_a_header_the_id_comes_from_the_error_message(string message, string expected)
    {
        using var response = Response();

        _reader.Read(response.Headers, message).Should().Be(expected);
        _reader.FromMessage(message).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("upstream error")]
    [InlineData("(request id: )")]
    [InlineData("request id: abc")]
    public void No_header_and_no_id_in_the_message_is_no_request_id(string? message)
    {
        using var response = Response(("x-other-id", "not-this"));

        _reader.Read(response.Headers, message).Should().BeNull();
        _reader.Read(null, message).Should().BeNull();
    }
}
