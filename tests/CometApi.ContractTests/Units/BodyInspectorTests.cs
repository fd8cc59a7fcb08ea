using System.Text;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Parsing;

namespace CometApi.ContractTests.Units;

/// <summary><see cref="BodyInspector"/>: a non-streamed body becomes exactly one body kind, and never an exception.</summary>
public sealed class BodyInspectorTests
{
    private const string Pong = """{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"PONG"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}""";

    private static InspectedBody Inspect(string body, string? mediaType = "application/json") =>
        BodyInspector.Inspect(mediaType, Encoding.UTF8.GetBytes(body), tooLarge: false);

    [Fact]
    public void A_completion_is_read_in_full()
    {
        var inspected = Inspect(Pong);

        inspected.Kind.Should().Be(BodyKind.Chat);
        inspected.Chat!.Choices[0].Message.Content.Should().Be("PONG");
        inspected.Chat.Usage!.TotalTokens.Should().Be(9);
        inspected.Error.Should().BeNull();
    }

    [Theory]
    [InlineData("\uFEFF")]
    [InlineData(" \r\n\t")]
    public void A_byte_order_mark_or_leading_whitespace_does_not_hide_a_completion(string prefix)
    {
        Inspect(prefix + Pong).Kind.Should().Be(BodyKind.Chat);
    }

    [Theory]
    [InlineData("", BodyKind.Empty)]
    [InlineData("  \n ", BodyKind.Empty)]
    [InlineData("<!DOCTYPE html><html></html>", BodyKind.Html)]
    [InlineData("<HTML><body>502</body></HTML>", BodyKind.Html)]
    [InlineData("upstream connect error", BodyKind.Text)]
    [InlineData("{\"choices\":[{\"index\":0,\"message\":", BodyKind.Malformed)]
    [InlineData("{\"choices\":null}", BodyKind.Unknown)]
    [InlineData("{\"choices\":[]}", BodyKind.Unknown)]
    [InlineData("{\"choices\":[null]}", BodyKind.Unknown)]
    [InlineData("{\"data\":[1,2,3]}", BodyKind.Unknown)]
    [InlineData("[]", BodyKind.Unknown)]
    public void Each_other_body_gets_its_kind(string body, BodyKind kind)
    {
        Inspect(body).Kind.Should().Be(kind);
    }

    [Fact]
    public void The_media_type_alone_makes_a_body_html()
    {
        Inspect("{\"choices\":[]}", "text/html").Kind.Should().Be(BodyKind.Html);
    }

    [Fact]
    public void Invalid_UTF8_is_malformed_even_in_a_member_nobody_reads()
    {
        var bytes = Encoding.UTF8.GetBytes(Pong.Replace("\"id\":\"c1\"", "\"id\":\"c\u00e91\"", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at + 1] = 0x28; // a lead byte followed by a byte that cannot continue it

        BodyInspector.Inspect("application/json", bytes, tooLarge: false).Kind.Should().Be(BodyKind.Malformed);
    }

    [Fact]
    public void A_body_over_the_cap_is_too_large_whatever_it_holds()
    {
        BodyInspector.Inspect("application/json", Encoding.UTF8.GetBytes(Pong), tooLarge: true).Kind.Should().Be(BodyKind.TooLarge);
    }

    [Theory]
    [InlineData("{\"error\":{\"message\":\"slow down (request id: r9)\",\"type\":\"rate_limit\",\"code\":\"rate_limit_exceeded\"}}", "rate_limit_exceeded", "slow down (request id: r9)")]
    [InlineData("{\"error\":{\"message\":\"bad gateway\",\"code\":502}}", "502", "bad gateway")]
    [InlineData("{\"error\":\"quota exceeded\"}", null, "quota exceeded")]
    [InlineData("{\"error\":{\"message\":42,\"code\":\"x\"}}", null, null)]
    [InlineData("{\"error\":true}", null, null)]
    public void An_error_member_makes_an_error_body_read_leniently(string body, string? code, string? message)
    {
        var inspected = Inspect(body);

        inspected.Kind.Should().Be(BodyKind.Error);
        inspected.Error!.CodeText.Should().Be(code);
        inspected.Error.Message.Should().Be(message);
    }

    [Fact]
    public void An_error_member_wins_over_choices_but_a_null_error_does_not()
    {
        Inspect(Pong.Insert(1, "\"error\":{\"message\":\"late\"},")).Kind.Should().Be(BodyKind.Error);
        Inspect(Pong.Insert(1, "\"error\":null,")).Kind.Should().Be(BodyKind.Chat);
    }
}
