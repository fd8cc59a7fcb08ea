using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Configuration;

namespace CometApi.ContractTests.Sections;

/// <summary>
/// CL6, status before body format: an error status keeps its class whatever the body is (the provider's JSON error,
/// a gateway's HTML page, plain text, nothing); the HTML and redirect rules decide only where the status says nothing
/// better. Every case of fixtures/classification/status-by-body-format.json goes through the real client, and the
/// class's retry and fallback are asserted by what the client then did.
/// </summary>
[Checklist("CL6")]
public sealed class StatusBeforeBodyFormatTests
{
    private const string FallbackEndpoint = "http://127.0.0.2:9/v1/chat/completions";
    private static readonly JsonNode Matrix = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "classification", "status-by-body-format.json")))!;
    private static readonly byte[] Pong = File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "bodies", "chat-pong.json"));
    private static readonly string[] BodyForms = ["json", "html", "text", "empty"];

    /// <summary>(status, body form, error.code for a JSON body, expected class).</summary>
    public static TheoryData<int, string, string, string> Cases()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var row in Matrix["cases"]!.AsArray())
        {
            foreach (var form in BodyForms)
                data.Add((int)row!["status"]!, form, "", (string)row[form]!);
        }

        foreach (var quirk in Matrix["quirks"]!.AsArray())
            data.Add((int)quirk!["status"]!, "json", (string)quirk["code"]!, (string)quirk["class"]!);
        return data;
    }

    [Fact]
    public void The_matrix_covers_every_status_the_issue_names_in_every_body_form()
    {
        var statuses = Matrix["cases"]!.AsArray().Select(r => (int)r!["status"]!).ToList();

        statuses.Should().Contain([200, 301, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504]);
        Matrix["cases"]!.AsArray().Should().AllSatisfy(r => BodyForms.Should().AllSatisfy(f => r![f].Should().NotBeNull($"status {r!["status"]} needs a {f} case")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_error_status_selects_its_class_whatever_the_body_format(int status, string form, string code, string expected)
    {
        FailureClassNames.TryParse(expected, out var expectedClass).Should().BeTrue($"'{expected}' is a class name");
        var behaviour = Matrix["behaviour"]![expected] ?? throw new InvalidOperationException($"no behaviour for {expected}");
        var primaryAttempts = 0;
        using var world = new InProcessCometApi(new InProcessHandler((_, request, _) =>
        {
            if (request.RequestUri!.Host != "127.0.0.1") return Task.FromResult(InProcessHandler.Respond(Pong, "application/json"));
            Interlocked.Increment(ref primaryAttempts);
            return Task.FromResult(Answer(status, form, code));
        }));
        var client = world.CreateClient(SimulationTiming.Instant, o => o.Fallback = new FallbackProviderOptions
        {
            Name = "fallback", ChatEndpoint = FallbackEndpoint, ApiKey = world.FallbackApiKey, Model = "fallback-model",
        });

        var result = await client.CallAsync(streaming: false);

        var primary = result.Attempts.Where(a => a.Provider == "cometapi").ToList();
        primary.Should().NotBeEmpty().And.AllSatisfy(a => a.Class.Should().Be(expectedClass, $"HTTP {status} with a {form} body"));
        primaryAttempts.Should().Be((bool)behaviour["retry"]! ? 2 : 1, $"{expected} {((bool)behaviour["retry"]! ? "is" : "is not")} retried once");
        result.FallbackUsed.Should().Be((bool)behaviour["fallback"]!, $"{expected} {((bool)behaviour["fallback"]! ? "may" : "may not")} fall back");
        if (result.FallbackUsed)
        {
            result.AnsweredBy.Should().Be("fallback");
            result.FallbackReason.Should().Be(expectedClass);
        }
        else
        {
            result.Class.Should().Be(expectedClass);
            result.OperatorAction.Should().Be(TestContracts.Policy.For(expectedClass).OperatorAction);
        }
    }

    private static HttpResponseMessage Answer(int status, string form, string code)
    {
        var shape = Matrix["bodies"]![form]!;
        var body = (string)shape["body"]!;
        if (code.Length > 0) body = body.Replace("\"code\":\"\"", $"\"code\":\"{code}\"", StringComparison.Ordinal);
        var response = InProcessHandler.Respond(Encoding.UTF8.GetBytes(body), "text/plain", (HttpStatusCode)status);
        response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse((string)shape["mediaType"]!);
        if (status is >= 300 and < 400) response.Headers.Location = new Uri("https://www.example.com/v1/chat/completions");
        return response;
    }
}
